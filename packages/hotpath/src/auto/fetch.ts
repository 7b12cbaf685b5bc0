/**
 * `HOTPATH_AUTO=fetch`: requests made with `fetch` (Node's bundled undici, or the undici package) as
 * `http-client` future rows, one per method and origin, from undici's `diagnostics_channel` events. A call
 * lasts until the response's head arrives (or the request fails); an aborted request ends `cancelled`.
 */
import type { TrackedCall } from '../registry/future-call.js';
import { futureRegistry } from '../registry/futures.js';
import { endPending, listen } from './listen.js';
import { RouteRows } from './route-rows.js';

interface UndiciRequest {
  method?: string;
  origin?: string | URL;
}

const calls = new WeakMap<object, TrackedCall>();

export function instrumentFetch(onFirstRow: () => void): void {
  const rows = new RouteRows('http-client');

  listen<{ request: UndiciRequest }>('undici:request:create', ({ request }) => {
    const row = rows.row(request.method ?? 'GET', String(request.origin ?? ''));
    onFirstRow();
    calls.set(request, futureRegistry.begin(row, false));
  });
  listen<{ request: UndiciRequest; response: { statusCode?: number } }>(
    'undici:request:headers',
    ({ request, response }) => endPending(calls.get(request), 'resolved', response.statusCode ?? 0),
  );
  listen<{ request: UndiciRequest; error: unknown }>('undici:request:error', ({ request, error }) => {
    const aborted = error instanceof Error && error.name === 'AbortError';
    endPending(calls.get(request), aborted ? 'cancelled' : 'rejected');
  });
}
