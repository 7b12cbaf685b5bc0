/**
 * `hotpath/register`, the preload (`node --import hotpath/register app.js`, or `hotpath run`): turns on
 * the automatic instrumentation `HOTPATH_AUTO` names, with no change to the program. With monitoring
 * off it loads nothing more and does nothing. Under `hotpath run`, the first program process of the tree
 * serves the metrics and hands its report to `hotpath run`; the processes it starts stay quiet (see
 * run-claim.ts).
 *
 * Startup cost is the preload's budget: each instrumentation loads only when asked for, and the metrics
 * server and the exit report (most of hotpath's code) load in the background, not before the program starts.
 */
import { isMainThread } from 'node:worker_threads';
import { config } from '../config.js';
import { recordFault } from '../registry/faults.js';

let arming: Promise<void> | null = null;

/** Arms the exit report and starts the server (both loaded on first use); then every later call is a no-op. */
function activateSoon(): void {
  if (arming !== null) return;
  arming = import('../lifecycle.js').then(({ activate }) => activate(), recordFault);
}

async function register(): Promise<void> {
  // Worker threads get this preload too; their rows reach the main thread once the runtime's
  // cross-thread aggregation exists. Until then a worker is left alone rather than counted unseen.
  if (!isMainThread) return;
  const { runDirectory } = await import('./run-claim.js');
  const dir = runDirectory(process.env);
  if (dir !== null) {
    const { isLauncher } = await import('./launchers.js');
    if (isLauncher(process.argv[1])) return;
    const { appendReport, claim, writeServerFile } = await import('./run-claim.js');
    const { announceServerTo } = await import('../server/launch.js');
    const { sendReportsTo } = await import('../report/output.js');
    claim(process.env);
    announceServerTo((url) => guard(() => writeServerFile(dir, url)));
    sendReportsTo((text) => guard(() => appendReport(dir, text)));
    // `hotpath run` waits for the URL to attach its console: the server starts now, not at the first row.
    activateSoon();
  }
  if (config.auto.has('http')) (await import('./http.js')).instrumentHttp(activateSoon);
  if (config.auto.has('fetch')) (await import('./fetch.js')).instrumentFetch(activateSoon);
  if (config.auto.has('streams')) (await import('./streams.js')).instrumentStreams(activateSoon);
}

function guard(work: () => void): void {
  try {
    work();
  } catch (error) {
    recordFault(error);
  }
}

if (config.enabled) await register().catch(recordFault);
