/**
 * `HOTPATH_AUTO=workers`, main thread: worker threads load the preload too and publish their rows over the
 * runtime's bridge (runtime/bridge.ts), the one way rows of workers reach this thread. The runtime that
 * gathers them loads only when the program starts its first worker; the bridge is heard from that very
 * moment (inside `new Worker()`), so a worker that reports or exits while the runtime is still loading is
 * not missed.
 */
import { recordFault } from '../registry/faults.js';
import { listen, type WorkerReport } from '../runtime/bridge.js';
import { onFirstWorker } from '../runtime/first-worker.js';

export function gatherWorkers(intervalMs: number, activateSoon: () => void): void {
  onFirstWorker((worker) => {
    const heard: WorkerReport[] = [];
    const stopHearing = listen((report) => heard.push(report));
    activateSoon();
    import('../runtime/main-thread.js').then(
      ({ startForWorker }) => {
        stopHearing();
        startForWorker(intervalMs, worker, heard);
      },
      (error: unknown) => {
        stopHearing();
        recordFault(error);
      },
    );
  });
}
