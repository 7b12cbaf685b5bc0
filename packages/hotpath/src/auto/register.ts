/**
 * `hotpath/register`, the preload (`node --import hotpath/register app.js`, or `hotpath run`): turns on
 * the automatic instrumentation `HOTPATH_AUTO` names, with no change to the program. With monitoring
 * off it does nothing at all. Under `hotpath run`, the first program process of the tree serves the
 * metrics and hands its report to `hotpath run`; the processes it starts stay quiet (see run-claim.ts).
 */
import { isMainThread } from 'node:worker_threads';
import { config } from '../config.js';
import { activate } from '../lifecycle.js';
import { shielded } from '../registry/faults.js';
import { sendReportsTo } from '../report/output.js';
import { announceServerTo } from '../server/launch.js';
import { instrumentFetch } from './fetch.js';
import { instrumentHttp } from './http.js';
import { isLauncher } from './launchers.js';
import { appendReport, claim, runDirectory, writeServerFile } from './run-claim.js';
import { instrumentStreams } from './streams.js';

function register(): void {
  // Worker threads get this preload too; their rows reach the main thread once the runtime's
  // cross-thread aggregation exists. Until then a worker is left alone rather than counted unseen.
  if (!isMainThread) return;
  const dir = runDirectory(process.env);
  if (dir !== null) {
    if (isLauncher(process.argv[1])) return;
    claim(process.env);
    announceServerTo((url) => shielded(() => writeServerFile(dir, url), undefined));
    sendReportsTo((text) => shielded(() => appendReport(dir, text), undefined));
    // `hotpath run` waits for the URL to attach its console: the server starts now, not at the first row.
    activate();
  }
  instrument(activate);
}

function instrument(onFirstRow: () => void): void {
  if (config.auto.has('http')) instrumentHttp(onFirstRow);
  if (config.auto.has('fetch')) instrumentFetch(onFirstRow);
  if (config.auto.has('streams')) instrumentStreams(onFirstRow);
}

if (config.enabled) shielded(register, undefined);
