/**
 * `HOTPATH_AUTO=fetch`: requests made with `fetch` (Node's bundled undici, or the undici package) as
 * `http-client` future rows, one per method and origin, from undici's `diagnostics_channel` events. A call
 * lasts until the response's head arrives (or the request fails); an aborted request ends `cancelled`.
 */
import { subscribe } from 'node:diagnostics_channel';
import { recordFault } from '../registry/faults.js';
import type { TrackedCall } from '../registry/future-call.js';
import { futureRegistry } from '../registry/futures.js';
import { RouteRows } from './route-rows.js';

interface UndiciRequest {
  method?: string;
  origin?: string | URL;
}

const calls = new WeakMap<object, TrackedCall>();

export function instrumentFetch(onFirstRow: () => void): void {
  const rows = new RouteRows('http-client');

  subscribe('undici:request:create', (message) => {
    try {
      const { request } = message as { request: UndiciRequest };
      const row = rows.row(request.method ?? 'GET', String(request.origin ?? ''));
      onFirstRow();
      calls.set(request, futureRegistry.begin(row, false));
    } catch (error) {
      recordFault(error);
    }
  });
  subscribe('undici:request:headers', (message) => {
    try {
      const { request, response } = message as {
        request: UndiciRequest;
        response: { statusCode?: number };
      };
      const call = calls.get(request);
      if (call === undefined || call.state !== 'pending') return;
      call.site.countStatus(response.statusCode ?? 0);
      futureRegistry.end(call, 'resolved', undefined, undefined);
    } catch (error) {
      recordFault(error);
    }
  });
  subscribe('undici:request:error', (message) => {
    try {
      const { request, error } = message as { request: UndiciRequest; error: unknown };
      const call = calls.get(request);
      if (call === undefined || call.state !== 'pending') return;
      const aborted = error instanceof Error && error.name === 'AbortError';
      futureRegistry.end(call, aborted ? 'cancelled' : 'rejected', undefined, undefined);
    } catch (failure) {
      recordFault(failure);
    }
  });
}
