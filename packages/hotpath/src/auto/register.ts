/**
 * `hotpath/register`, the preload (`node --import hotpath/register app.js`, or `hotpath run`): turns on
 * the automatic instrumentation `HOTPATH_AUTO` names, with no change to the program. With monitoring
 * off it loads nothing more and does nothing. Under `hotpath run`, the first program process of the tree
 * serves the metrics and hands its report to `hotpath run`; the processes it starts stay quiet (see
 * run-claim.ts). Worker threads load this preload too: with `workers`, a worker instruments itself the
 * same way and publishes its rows to the main thread (see workers.ts); without, it is left alone.
 *
 * Startup cost is the preload's budget: each instrumentation loads only when asked for, and the metrics
 * server and the exit report (most of hotpath's code) load in the background, not before the program starts.
 */
import { config } from '../config.js';
import { recordFault } from '../registry/faults.js';
import { appendReport, claim, claimedElsewhere, runDirectory, writeServerFile } from './run-claim.js';

/**
 * Whether this is the process's main thread, without loading `node:worker_threads` (~3 ms, a tenth of the
 * startup budget, in a program that may never start a worker): Node gives a worker thread a
 * `process.chdir` that throws, marked `disabled`. The test `preload-thread-check` holds this fact to
 * `worker_threads.isMainThread`, so a Node that changes it is caught.
 */
const isMainThread = (process.chdir as { disabled?: boolean }).disabled !== true;

let arming: Promise<void> | null = null;

/**
 * Arms the exit report and starts the server (both loaded on first use) — in a worker, its publishing to
 * the main thread instead; then every later call is a no-op.
 */
function activateSoon(): void {
  if (arming !== null) return;
  arming = import('../lifecycle.js').then(({ activate }) => activate(), recordFault);
}

async function register(): Promise<void> {
  // Under `hotpath run`, a process the program started: its rows could reach no one.
  if (claimedElsewhere(process.env)) return;
  if (!isMainThread && !config.auto.has('workers')) return;
  const dir = isMainThread ? runDirectory(process.env) : null;
  if (dir !== null && (await import('./launchers.js')).isLauncher(process.argv[1])) return;
  // Side by side: each import is a round through the module loader.
  const [claiming, workers, http, fetch, streams] = await Promise.all([
    dir === null ? null : Promise.all([import('../server/launch.js'), import('../report/output.js')]),
    isMainThread && config.auto.has('workers') ? import('./workers.js') : null,
    config.auto.has('http') ? import('./http.js') : null,
    config.auto.has('fetch') ? import('./fetch.js') : null,
    config.auto.has('streams') ? import('./streams.js') : null,
  ]);
  if (dir !== null && claiming !== null) {
    const [{ announceServerTo }, { sendReportsTo }] = claiming;
    claim(process.env);
    announceServerTo((url) => guard(() => writeServerFile(dir, url)));
    sendReportsTo((text) => guard(() => appendReport(dir, text)));
    // `hotpath run` waits for the URL to attach its console: the server starts now, not at the first row.
    activateSoon();
  }
  // A worker shows in the main thread's runtime view, with its own loop and heap, from the start.
  if (!isMainThread) activateSoon();
  workers?.gatherWorkers(config.runtimeIntervalMs, activateSoon);
  http?.instrumentHttp(activateSoon);
  fetch?.instrumentFetch(activateSoon);
  streams?.instrumentStreams(activateSoon);
}

function guard(work: () => void): void {
  try {
    work();
  } catch (error) {
    recordFault(error);
  }
}

if (config.enabled) await register().catch(recordFault);
