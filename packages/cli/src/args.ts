/** The command line: `hotpath run … -- <command>`, `hotpath console [--host H] [--port P] [--refresh-ms N]`, `hotpath mcp …`, `hotpath demo [--seconds N]`. */

export interface ConsoleArgs {
  command: 'console';
  host: string;
  port: number;
  refreshMs: number;
  limit: number;
  token: string | null;
}

export interface DemoArgs {
  command: 'demo';
  seconds: number;
  refreshMs: number;
}

export interface RunArgs {
  command: 'run';
  /** The program and its arguments, exactly as given after `--`. */
  argv: string[];
  console: boolean;
  refreshMs: number;
}

export interface McpArgs {
  command: 'mcp';
  host: string;
  port: number;
  token: string | null;
  /** `--http <port>`: Streamable HTTP on loopback instead of stdio; 0 picks a free port. */
  http: number | null;
}

export type Args = ConsoleArgs | DemoArgs | McpArgs | RunArgs | { command: 'help' };

export class UsageError extends Error {}

export const USAGE = `usage:
  hotpath run [--no-console] [--refresh-ms N] -- <command> [args…]
      runs a Node program (node app.js, npm run start, npx tsx main.ts) monitored, with no change to it:
      HTTP requests in and out and fetch calls become rows (HOTPATH_AUTO: http,fetch,workers by default;
      add streams; none for wrappers only); the console shows them and the program's output; the exit
      report prints after the program ends. --no-console: the program's output untouched, then the report
  hotpath console [--host H] [--port P] [--refresh-ms N] [--limit N]
      live view of a program running with HOTPATH=1
      defaults: HOTPATH_METRICS_HOST (127.0.0.1), HOTPATH_METRICS_PORT (6770), refresh 500 ms, limit 10000
      HOTPATH_METRICS_TOKEN is sent when set
  hotpath mcp [--host H] [--port P] [--http PORT]
      an MCP server for coding agents, reading the same program's metrics server; stdio, or
      Streamable HTTP on 127.0.0.1:PORT/mcp with --http; same defaults and token as the console
  hotpath demo [--seconds N] [--refresh-ms N]
      a monitored pipeline with the console attached; without a terminal it runs N seconds (default 5)
      and prints the report
`;

type Env = Record<string, string | undefined>;

export function parseArgs(argv: readonly string[], env: Env): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h')
    return { command: 'help' };
  if (command === 'run') return parseRun(rest);
  const flags = readFlags(rest);
  if (command === 'console') {
    const args: ConsoleArgs = {
      command,
      host: flags.take('host') ?? hostFrom(env),
      port: portFrom(flags.take('port'), env),
      refreshMs: integer('--refresh-ms', flags.take('refresh-ms') ?? '500', 100, 10_000),
      limit: integer('--limit', flags.take('limit') ?? '10000', 1, 100_000),
      token: env.HOTPATH_METRICS_TOKEN ? env.HOTPATH_METRICS_TOKEN : null,
    };
    flags.done();
    return args;
  }
  if (command === 'mcp') {
    const http = flags.take('http');
    const args: McpArgs = {
      command,
      host: flags.take('host') ?? hostFrom(env),
      port: portFrom(flags.take('port'), env),
      token: env.HOTPATH_METRICS_TOKEN ? env.HOTPATH_METRICS_TOKEN : null,
      http: http === undefined ? null : integer('--http', http, 0, 65535),
    };
    flags.done();
    return args;
  }
  if (command === 'demo') {
    const args: DemoArgs = {
      command,
      seconds: integer('--seconds', flags.take('seconds') ?? '5', 1, 3600),
      refreshMs: integer('--refresh-ms', flags.take('refresh-ms') ?? '500', 100, 10_000),
    };
    flags.done();
    return args;
  }
  throw new UsageError(`unknown command "${command}"`);
}

/** Options until `--` (or the first word that is not an option); everything after is the program's. */
function parseRun(rest: readonly string[]): RunArgs {
  let consoleOn = true;
  let refreshMs = 500;
  let i = 0;
  for (; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-')) break;
    if (arg === '--no-console') consoleOn = false;
    else if (arg === '--refresh-ms' || arg.startsWith('--refresh-ms=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (value === undefined) throw new UsageError('--refresh-ms needs a value');
      refreshMs = integer('--refresh-ms', value, 100, 10_000);
    } else throw new UsageError(`unknown option ${arg} (the program's own options go after --)`);
  }
  const argv = rest.slice(i);
  if (argv.length === 0 || argv[0] === '')
    throw new UsageError('hotpath run needs a command: hotpath run -- node app.js');
  return { command: 'run', argv, console: consoleOn, refreshMs };
}

function portFrom(flag: string | undefined, env: Env): number {
  if (flag !== undefined) return integer('--port', flag, 1, 65535);
  const fromEnv = env.HOTPATH_METRICS_PORT?.trim();
  if (!fromEnv) return 6770;
  // The program picked a free port: only it knows which.
  if (fromEnv === '0')
    throw new UsageError(
      'HOTPATH_METRICS_PORT=0 lets the program pick any free port; pass the one it printed ("metrics server listening on …") with --port',
    );
  return integer('HOTPATH_METRICS_PORT', fromEnv, 1, 65535);
}

function hostFrom(env: Env): string {
  const host = env.HOTPATH_METRICS_HOST?.trim();
  // A server bound to every interface is reached on loopback.
  if (!host || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host.replace(/^\[(.*)\]$/, '$1');
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || value < min || value > max)
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

function readFlags(args: readonly string[]) {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null) throw new UsageError(`unexpected argument "${arg}"`);
    const name = match[1]!;
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (values.has(name)) throw new UsageError(`--${name} given twice`);
    values.set(name, value);
  }
  return {
    take(name: string): string | undefined {
      const value = values.get(name);
      values.delete(name);
      return value;
    },
    done(): void {
      const [unknown] = values.keys();
      if (unknown !== undefined) throw new UsageError(`unknown option --${unknown}`);
    },
  };
}
