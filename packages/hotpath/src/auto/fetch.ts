/**
 * `HOTPATH_AUTO=fetch`: requests made with `fetch` (Node's bundled undici, or the undici package) as
 * `http-client` future rows, one per method and origin, from undici's `diagnostics_channel` events. A call
 * lasts until the response's head arrives (or the request fails); an aborted request ends `cancelled`.
 */
import { type AutoCall, beginCall, endCall } from './calls.js';
import { listen } from './listen.js';

interface UndiciRequest {
  method?: string;
  origin?: string | URL;
}

const calls = new WeakMap<object, AutoCall>();

export function instrumentFetch(onFirstRow: () => void): void {
  listen<{ request: UndiciRequest }>('undici:request:create', ({ request }) => {
    const call = beginCall('http-client', request.method ?? 'GET', String(request.origin ?? ''));
    onFirstRow();
    if (call !== undefined) calls.set(request, call);
  });
  listen<{ request: UndiciRequest; response: { statusCode?: number } }>(
    'undici:request:headers',
    ({ request, response }) => endCall(calls.get(request), 'resolved', response.statusCode ?? 0),
  );
  listen<{ request: UndiciRequest; error: unknown }>('undici:request:error', ({ request, error }) => {
    const aborted = error instanceof Error && error.name === 'AbortError';
    endCall(calls.get(request), aborted ? 'cancelled' : 'rejected');
  });
}
