#!/usr/bin/env node
/** The `hotpath` command: `hotpath run`, `console`, `report`, `compare`, `mcp` and `demo`. */
import { escapeControl } from 'hotpath/text';
import { parseArgs, USAGE, UsageError } from './args.js';

// The environment as it was given: `hotpath run` hands it to the program untouched by what follows.
const givenEnv: NodeJS.ProcessEnv = { ...process.env };

// React picks its build, and Ink whether it may redraw (it will not when `CI` is set), when first loaded:
// both are settled here, before either is imported. A terminal is interactive whatever CI says.
process.env.NODE_ENV ??= 'production';
if (process.stdout.isTTY) delete process.env.CI;

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`hotpath: ${escapeControl(error.message)}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === 'report') {
    const { runReport } = await import('./recording/commands.js');
    return runReport(args);
  }
  if (args.command === 'compare') {
    const { runCompare } = await import('./recording/commands.js');
    return runCompare(args);
  }
  if (args.command === 'run') {
    const { runProgram } = await import('./run/run.js');
    return runProgram(args, givenEnv);
  }
  if (args.command === 'console' && args.replay !== undefined) {
    const { runReplay } = await import('./replay/run.js');
    return runReplay(args.replay);
  }
  if (args.command === 'console') {
    const { dashboardUrl, runConsole } = await import('./console/run.js');
    const endpoint = { host: args.host, port: args.port, token: args.token };
    await runConsole({
      endpoint,
      refreshMs: args.refreshMs,
      limit: args.limit,
    });
    // Once the screen is given back (never before: the console's first frame would push it away), so
    // that it stays in the scrollback; the help line showed it meanwhile.
    process.stdout.write(
      `hotpath: the web dashboard of this program is at ${escapeControl(dashboardUrl(endpoint))}\n`,
    );
    return 0;
  }
  if (args.command === 'mcp') {
    // The SDK loads here only: the console never pays for it.
    const { runMcp } = await import('./mcp/serve.js');
    await runMcp({ endpoint: { host: args.host, port: args.port, token: args.token }, httpPort: args.http });
    return 0;
  }
  // The demo monitors itself: hotpath reads its switches once, at import, so they are set first.
  process.env.HOTPATH = '1';
  process.env.HOTPATH_METRICS_PORT = '0';
  process.env.HOTPATH_METRICS_HOST = '127.0.0.1';
  delete process.env.HOTPATH_METRICS_SERVER_OFF;
  // With the console attached, a report at exit would only spill over the screen the user gets back.
  if (process.stdout.isTTY && process.stdin.isTTY) process.env.HOTPATH_REPORT = 'off';
  const { runDemo } = await import('./demo/run.js');
  return runDemo(args);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `hotpath: ${escapeControl(error instanceof Error ? error.message : String(error))}\n`,
    );
    process.exit(1);
  },
);
