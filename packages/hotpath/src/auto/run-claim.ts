/**
 * How a process started by `hotpath run` tells it what it needs, without a byte on the program's stdout or
 * stderr. `hotpath run` makes a private directory and names it in `HOTPATH_RUN`; the first Node process of
 * the tree that is not a launcher claims it: it writes `server.json` (the URL its metrics server really
 * bound, written whole then renamed, so a reader never sees half of it) and, at exit, appends its reports
 * to `report.txt`. It then changes its own environment so that the processes it starts stay silent.
 */
import { join } from 'node:path';

/**
 * `node:fs` is fetched when a file is written, not imported: the preload loads this module, and an ESM
 * import of `node:fs` builds its whole namespace, which loads Node's stream modules (19 of them, a few
 * milliseconds) into every program before its first line.
 */
const fs = () => process.getBuiltinModule('node:fs');

export const RUN_VARIABLE = 'HOTPATH_RUN';
export const SERVER_FILE = 'server.json';
export const REPORT_FILE = 'report.txt';

/** The directory of the `hotpath run` that started this tree, if this process may claim it. */
export function runDirectory(env: NodeJS.ProcessEnv): string | null {
  const dir = env[RUN_VARIABLE];
  return dir === undefined || dir === '' ? null : dir;
}

/** Names the process that claimed the run, for the processes it starts (its worker threads share its pid). */
export const OWNER_VARIABLE = 'HOTPATH_RUN_OWNER';

/**
 * Takes the claim: child processes inherit an environment in which the claim is gone and hotpath is
 * quiet (no server, no report, and — see `claimedElsewhere` — no automatic instrumentation), so they never
 * race for the port or print. Worker threads copy the same environment but belong to this process.
 */
export function claim(env: NodeJS.ProcessEnv): void {
  delete env[RUN_VARIABLE];
  env.HOTPATH_METRICS_SERVER_OFF = '1';
  env.HOTPATH_REPORT = 'off';
  env[OWNER_VARIABLE] = String(process.pid);
}

/** Another process of the tree claimed the run: this one (a child of the program) stays quiet. */
export function claimedElsewhere(env: NodeJS.ProcessEnv): boolean {
  const owner = env[OWNER_VARIABLE];
  return owner !== undefined && owner !== '' && owner !== String(process.pid);
}

export function writeServerFile(dir: string, url: string): void {
  const target = join(dir, SERVER_FILE);
  const partial = `${target}.${process.pid}.tmp`;
  fs().writeFileSync(partial, `${JSON.stringify({ url, pid: process.pid })}\n`);
  fs().renameSync(partial, target);
}

export function appendReport(dir: string, text: string): void {
  fs().appendFileSync(join(dir, REPORT_FILE), text);
}
