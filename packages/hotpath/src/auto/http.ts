/**
 * `HOTPATH_AUTO=http`: requests served by `node:http`/`node:https` servers, and requests made with
 * `http.request`/`http.get`, as future rows (kinds `http-server`, `http-client`), from the events Node
 * publishes on `diagnostics_channel`. No wrapper is put around anything the program holds; the only
 * addition to its objects is one `close` listener per request, which is how an abandoned request ends
 * `cancelled` instead of staying pending.
 */

import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, Server, ServerResponse } from 'node:http';
import { recordFault } from '../registry/faults.js';
import type { TrackedCall } from '../registry/future-call.js';
import { futureRegistry } from '../registry/futures.js';
import { isHotpathServer } from '../server/own-servers.js';
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
  error: unknown;
}

const serverCalls = new WeakMap<object, TrackedCall>();
const clientCalls = new WeakMap<object, TrackedCall>();

export function instrumentHttp(onFirstRow: () => void): void {
  const serverRows = new RouteRows('http-server');
  const clientRows = new RouteRows('http-client');

  subscribe('http.server.request.start', (message) => {
    try {
      const { request, response, server } = message as ServerStart;
      if (isHotpathServer(server)) return;
      const row = serverRows.row(request.method ?? 'GET', routeShape(request.url ?? '/'));
      onFirstRow();
      serverCalls.set(response, futureRegistry.begin(row, false));
      response.once('close', onServerClose);
    } catch (error) {
      recordFault(error);
    }
  });
  subscribe('http.server.response.finish', (message) => {
    try {
      const { response } = message as ServerStart;
      const call = serverCalls.get(response);
      if (call === undefined || call.state !== 'pending') return;
      call.site.countStatus(response.statusCode);
      futureRegistry.end(call, 'resolved', undefined, undefined);
    } catch (error) {
      recordFault(error);
    }
  });

  subscribe('http.client.request.start', (message) => {
    try {
      const { request } = message as ClientStart;
      const row = clientRows.row(request.method, clientTarget(request));
      onFirstRow();
      clientCalls.set(request, futureRegistry.begin(row, false));
      request.once('close', onClientClose);
    } catch (error) {
      recordFault(error);
    }
  });
  // Published when the response's head arrives: a client call lasts until its response starts.
  subscribe('http.client.response.finish', (message) => {
    try {
      const { request, response } = message as ClientResponse;
      const call = clientCalls.get(request);
      if (call === undefined || call.state !== 'pending') return;
      call.site.countStatus(response.statusCode ?? 0);
      futureRegistry.end(call, 'resolved', undefined, undefined);
    } catch (error) {
      recordFault(error);
    }
  });
  subscribe('http.client.request.error', (message) => {
    try {
      const { request } = message as ClientError;
      const call = clientCalls.get(request);
      if (call === undefined || call.state !== 'pending') return;
      futureRegistry.end(call, 'rejected', undefined, undefined);
    } catch (error) {
      recordFault(error);
    }
  });
}

/** The client went away before the response was finished. */
function onServerClose(this: ServerResponse): void {
  endCancelled(serverCalls.get(this));
}

/** Closed with neither a response nor an error: aborted by the program. */
function onClientClose(this: ClientRequest): void {
  endCancelled(clientCalls.get(this));
}

function endCancelled(call: TrackedCall | undefined): void {
  try {
    if (call !== undefined && call.state === 'pending')
      futureRegistry.end(call, 'cancelled', undefined, undefined);
  } catch (error) {
    recordFault(error);
  }
}

/** `http://host:port/route-shape`, as the Host header Node wrote says (no port when it is the default). */
function clientTarget(request: ClientRequest): string {
  const header = request.getHeader('host');
  const host = typeof header === 'string' ? header : request.host;
  return `${request.protocol ?? 'http:'}//${host}${routeShape(request.path ?? '/')}`;
}
