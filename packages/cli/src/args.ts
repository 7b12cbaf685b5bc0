/** The command line: `hotpath run … -- <command>`, `hotpath console [--host H] [--port P] [--refresh-ms N]`, `hotpath mcp …`, `hotpath demo [--seconds N]`. */

export interface ConsoleArgs {
  command: 'console';
  host: string;
  port: number;
  refreshMs: number;
  limit: number;
  token: string | null;
  /** `--replay FILE [--speed N]`: the console on a recording instead of a live program. */
  replay?: { path: string; speed: number };
}

export interface ReportArgs {
  command: 'report';
  path: string;
  format: 'table' | 'json' | 'markdown';
}

export interface CompareArgs {
  command: 'compare';
  base: string;
  head: string;
  format: 'table' | 'markdown';
  /** `--fail-on` as given (parsed by the compare command, which names a bad rule). */
  failOn: string | null;
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
  /** `--record FILE`: the program records its run there (`HOTPATH_RECORD`). */
  record?: string;
}

export interface McpArgs {
  command: 'mcp';
  host: string;
  port: number;
  token: string | null;
  /** `--http <port>`: Streamable HTTP on loopback instead of stdio; 0 picks a free port. */
  http: number | null;
}

export type Args =
  | ConsoleArgs
  | DemoArgs
  | McpArgs
  | RunArgs
  | ReportArgs
  | CompareArgs
  | { command: 'help' };

export class UsageError extends Error {}

export const USAGE = `usage:
  hotpath run [--no-console] [--refresh-ms N] [--record FILE] -- <command> [args…]
      runs a Node program (node app.js, npm run start, npx tsx main.ts) monitored, with no change to it:
      HTTP requests in and out and fetch calls become rows (HOTPATH_AUTO: http,fetch,workers by default;
      add streams; none for wrappers only); the console shows them and the program's output; the exit
      report prints after the program ends. --no-console: the program's output untouched, then the report;
      --record FILE: the run is recorded there too (HOTPATH_RECORD; see hotpath report, compare)
  hotpath console [--host H] [--port P] [--refresh-ms N] [--limit N]
      live view of a program running with HOTPATH=1
      defaults: HOTPATH_METRICS_HOST (127.0.0.1), HOTPATH_METRICS_PORT (6770), refresh 500 ms, limit 10000
      HOTPATH_METRICS_TOKEN is sent when set
  hotpath console --replay FILE [--speed N]
      the same console on a recording (HOTPATH_RECORD=FILE): space pauses, ←/→ step a frame,
      [ and ] halve and double the speed (default 1), g jumps to a time
  hotpath report FILE [--format table|json|markdown]
      the exit report of a recording, or of a JSON report (HOTPATH_REPORT=json)
  hotpath compare BASE HEAD [--format table|markdown] [--fail-on p95+20%,calls-10%]
      per site, counts, rates and percentiles of two recordings or JSON reports; changes past a rule
      are marked, and with --fail-on the exit status is 1 when any rule trips
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
    const replay = flags.take('replay');
    if (replay !== undefined) {
      const speed = decimal('--speed', flags.take('speed') ?? '1', 1 / 16, 64);
      const refreshMs = integer('--refresh-ms', flags.take('refresh-ms') ?? '500', 100, 10_000);
      flags.done();
      return {
        command,
        host: '',
        port: 0,
        refreshMs,
        limit: 100_000,
        token: null,
        replay: { path: replay, speed },
      };
    }
    if (flags.take('speed') !== undefined) throw new UsageError('--speed applies to --replay only');
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
  if (command === 'report') {
    const [path] = flags.positionals(1, 'hotpath report FILE');
    const format = choice('--format', flags.take('format') ?? 'table', [
      'table',
      'json',
      'markdown',
    ] as const);
    flags.done();
    return { command, path: path!, format };
  }
  if (command === 'compare') {
    const [base, head] = flags.positionals(2, 'hotpath compare BASE HEAD');
    const format = choice('--format', flags.take('format') ?? 'table', ['table', 'markdown'] as const);
    const failOn = flags.take('fail-on') ?? null;
    flags.done();
    return { command, base: base!, head: head!, format, failOn };
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
  let record: string | undefined;
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
    } else if (arg === '--record' || arg.startsWith('--record=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (value === undefined || value === '') throw new UsageError('--record needs a file');
      record = value;
    } else throw new UsageError(`unknown option ${arg} (the program's own options go after --)`);
  }
  const argv = rest.slice(i);
  if (argv.length === 0 || argv[0] === '')
    throw new UsageError('hotpath run needs a command: hotpath run -- node app.js');
  return { command: 'run', argv, console: consoleOn, refreshMs, ...(record === undefined ? {} : { record }) };
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

function decimal(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || value < min || value > max)
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function choice<C extends string>(flag: string, raw: string, choices: readonly C[]): C {
  if ((choices as readonly string[]).includes(raw)) return raw as C;
  throw new UsageError(`${flag} must be one of ${choices.join(', ')}, got "${raw}"`);
}

function readFlags(args: readonly string[]) {
  const values = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null) {
      // Files named on the command line (`report`, `compare`); other commands take none.
      if (!arg.startsWith('-')) {
        positionals.push(arg);
        continue;
      }
      throw new UsageError(`unexpected argument "${arg}"`);
    }
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
    /** Exactly `count` file arguments, else a usage error showing the form. */
    positionals(count: number, form: string): string[] {
      if (positionals.length !== count)
        throw new UsageError(
          positionals.length < count
            ? `missing file: ${form}`
            : `unexpected argument "${positionals[count]}"`,
        );
      return positionals.splice(0);
    },
    done(): void {
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const [unknown] = values.keys();
      if (unknown !== undefined) throw new UsageError(`unknown option --${unknown}`);
    },
  };
}
