/**
 * How a process started by `hotpath run` tells it what it needs, without a byte on the program's stdout or
 * stderr. `hotpath run` makes a private directory and names it in `HOTPATH_RUN`; the first Node process of
 * the tree that is not a launcher claims it: it writes `server.json` (the URL its metrics server really
 * bound, written whole then renamed, so a reader never sees half of it) and, at exit, appends its reports
 * to `report.txt`. It then changes its own environment so that the processes it starts stay silent.
 */
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUN_VARIABLE = 'HOTPATH_RUN';
export const SERVER_FILE = 'server.json';
export const REPORT_FILE = 'report.txt';

/** The directory of the `hotpath run` that started this tree, if this process may claim it. */
export function runDirectory(env: NodeJS.ProcessEnv): string | null {
  const dir = env[RUN_VARIABLE];
  return dir === undefined || dir === '' ? null : dir;
}

/**
 * Takes the claim: child processes inherit an environment in which the claim is gone and hotpath is
 * quiet (no server, no report, no automatic instrumentation), so they never race for the port or print.
 */
export function claim(env: NodeJS.ProcessEnv): void {
  delete env[RUN_VARIABLE];
  env.HOTPATH_METRICS_SERVER_OFF = '1';
  env.HOTPATH_REPORT = 'off';
  env.HOTPATH_AUTO = 'none';
}

export function writeServerFile(dir: string, url: string): void {
  const target = join(dir, SERVER_FILE);
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify({ url, pid: process.pid })}\n`);
  renameSync(partial, target);
}

export function appendReport(dir: string, text: string): void {
  appendFileSync(join(dir, REPORT_FILE), text);
}
