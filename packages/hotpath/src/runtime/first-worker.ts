import diagnostics from 'node:diagnostics_channel';
import type { Worker } from 'node:worker_threads';
import { shielded } from '../registry/faults.js';

/**
 * Calls `then` once, with the first worker the program starts (Node announces each on the `worker_threads`
 * diagnostics channel, inside `new Worker()`). Until then this is one subscriber: no timer, no handle.
 */
export function onFirstWorker(then: (worker: Worker) => void): void {
  const onWorker = (message: unknown) => {
    diagnostics.unsubscribe('worker_threads', onWorker);
    shielded(() => then((message as { worker: Worker }).worker), undefined);
  };
  diagnostics.subscribe('worker_threads', onWorker);
}
