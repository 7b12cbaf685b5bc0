import { subscribe } from 'node:diagnostics_channel';
import { recordFault } from '../registry/faults.js';

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
