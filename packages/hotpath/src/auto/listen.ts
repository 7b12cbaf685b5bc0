import { subscribe } from 'node:diagnostics_channel';
import { recordFault } from '../registry/faults.js';
import type { TrackedCall } from '../registry/future-call.js';
import { futureRegistry } from '../registry/futures.js';

/**
 * Subscribes `handler` to a `diagnostics_channel` channel. Node calls subscribers inside the program's own
 * call (`http.request`, `res.end`), so a throw here must never get out: it is counted as a fault.
 */
export function listen<M>(channel: string, handler: (message: M) => void): void {
  subscribe(channel, (message) => {
    try {
      handler(message as M);
    } catch (error) {
      recordFault(error);
    }
  });
}

/** Ends a call that is still pending (a call already ended keeps its first end); counts `status` if given. */
export function endPending(
  call: TrackedCall | undefined,
  state: 'resolved' | 'rejected' | 'cancelled',
  status?: number,
): void {
  if (call === undefined || call.state !== 'pending') return;
  if (status !== undefined) call.site.countStatus(status);
  futureRegistry.end(call, state, undefined, undefined);
}
