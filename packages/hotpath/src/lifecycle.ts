import diagnostics from 'node:diagnostics_channel';
import { isMainThread, type Worker } from 'node:worker_threads';
import { config } from './config.js';
import { finishRecording, startRecording } from './record/recorder.js';
import { afterExitReport, installExitHook } from './report/reporter.js';
import { noteWorker, startMainRuntime } from './runtime/main-thread.js';
import { startWorkerRuntime } from './runtime/worker-thread.js';
import { startMetricsServer } from './server/launch.js';

let active = false;

/**
 * Runs once, when the first item is monitored: nothing happens at import, so a program that enables
 * hotpath but monitors nothing is untouched. The metrics server and the runtime sampler start here too
 * (neither holds the process open). In a worker thread there is no server and no exit report: the
 * worker publishes its rows to the main thread, which shows them (see docs/runtime.md).
 */
export function activate(): void {
  if (active) return;
  active = true;
  if (!isMainThread) {
    startWorkerRuntime(config.runtimeIntervalMs);
    return;
  }
  installExitHook();
  void startMetricsServer();
  startMainRuntime(config.runtimeIntervalMs);
  if (config.record !== null) {
    startRecording(
      {
        path: config.record,
        maxMb: config.recordMaxMb,
        intervalMs: config.recordIntervalMs,
        logsLimit: config.logsLimit,
      },
      (message) => process.stderr.write(`[hotpath] warning: ${message}\n`),
    );
    afterExitReport(finishRecording);
  }
}

/**
 * A main thread that monitors nothing itself but starts workers that do must still gather their rows:
 * the first worker it starts activates hotpath. Until then this is one diagnostics-channel subscriber,
 * with no timer or handle.
 */
export function activateOnFirstWorker(): void {
  if (!isMainThread) return;
  const onWorker = (message: unknown) => {
    diagnostics.unsubscribe('worker_threads', onWorker);
    activate();
    noteWorker((message as { worker: Worker }).worker);
  };
  diagnostics.subscribe('worker_threads', onWorker);
}
