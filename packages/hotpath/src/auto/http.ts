/**
 * `HOTPATH_AUTO=http`: requests served by `node:http`/`node:https` servers, and requests made with
 * `http.request`/`http.get`, as future rows (kinds `http-server`, `http-client`), from the events Node
 * publishes on `diagnostics_channel`. No wrapper is put around anything the program holds; the only
 * addition to its objects is one `close` listener per request, which is how an abandoned request ends
 * `cancelled` instead of staying pending.
 */

import type { ClientRequest, IncomingMessage, Server, ServerResponse } from 'node:http';
import { shielded } from '../registry/faults.js';
import type { TrackedCall } from '../registry/future-call.js';
import { futureRegistry } from '../registry/futures.js';
import { isHotpathServer } from '../server/own-servers.js';
import { endPending, listen } from './listen.js';
import { RouteRows } from './route-rows.js';
import { routeShape } from './route-shape.js';

interface ServerStart {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}
interface ClientStart {
  request: ClientRequest;
}
interface ClientResponse {
  request: ClientRequest;
  response: IncomingMessage;
}
interface ClientError {
  request: ClientRequest;
}

const serverCalls = new WeakMap<object, TrackedCall>();
const clientCalls = new WeakMap<object, TrackedCall>();

export function instrumentHttp(onFirstRow: () => void): void {
  const serverRows = new RouteRows('http-server');
  const clientRows = new RouteRows('http-client');

  listen<ServerStart>('http.server.request.start', ({ request, response, server }) => {
    if (isHotpathServer(server)) return;
    const row = serverRows.row(request.method ?? 'GET', routeShape(request.url ?? '/'));
    onFirstRow();
    serverCalls.set(response, futureRegistry.begin(row, false));
    response.once('close', onServerClose);
  });
  listen<ServerStart>('http.server.response.finish', ({ response }) =>
    endPending(serverCalls.get(response), 'resolved', response.statusCode),
  );

  listen<ClientStart>('http.client.request.start', ({ request }) => {
    const row = clientRows.row(request.method, clientTarget(request));
    onFirstRow();
    clientCalls.set(request, futureRegistry.begin(row, false));
    request.once('close', onClientClose);
  });
  // Published when the response's head arrives: a client call lasts until its response starts.
  listen<ClientResponse>('http.client.response.finish', ({ request, response }) =>
    endPending(clientCalls.get(request), 'resolved', response.statusCode ?? 0),
  );
  listen<ClientError>('http.client.request.error', ({ request }) =>
    endPending(clientCalls.get(request), 'rejected'),
  );
}

/** The client went away before the response was finished. */
function onServerClose(this: ServerResponse): void {
  shielded(() => endPending(serverCalls.get(this), 'cancelled'), undefined);
}

/** Closed with neither a response nor an error: aborted by the program. */
function onClientClose(this: ClientRequest): void {
  shielded(() => endPending(clientCalls.get(this), 'cancelled'), undefined);
}

/** `http://host:port/route-shape`, as the Host header Node wrote says (no port when it is the default). */
function clientTarget(request: ClientRequest): string {
  const header = request.getHeader('host');
  const host = typeof header === 'string' ? header : request.host;
  return `${request.protocol ?? 'http:'}//${host}${routeShape(request.path ?? '/')}`;
}
