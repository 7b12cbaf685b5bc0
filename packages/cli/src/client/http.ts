import { get, type IncomingMessage } from 'node:http';
import { describeStatus, type Endpoint, FeedError } from './endpoint.js';

/** hotpath-rs waits 2 s for an answer; so do we. */
export const REQUEST_TIMEOUT_MS = 2000;

export function requestHeaders(endpoint: Endpoint, accept: string): Record<string, string> {
  return {
    accept,
    ...(endpoint.token === null ? {} : { authorization: `Bearer ${endpoint.token}` }),
  };
}

/** Opens a GET; resolves with the response once its headers are in (body unread). */
export function openGet(
  endpoint: Endpoint,
  path: string,
  accept: string,
  timeoutMs: number,
): { response: Promise<IncomingMessage>; abort(): void } {
  const request = get({
    host: endpoint.host,
    port: endpoint.port,
    path,
    headers: requestHeaders(endpoint, accept),
    // A fresh socket per request: nothing pooled outlives the console.
    agent: false,
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const timer = setTimeout(
      () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    request.once('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { response, abort: () => request.destroy() };
}

/** GET one JSON answer. Failures come as `FeedError` (answered) or a socket error (not answered). */
export async function getJson(
  endpoint: Endpoint,
  path: string,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<unknown> {
  const { response, abort } = openGet(endpoint, path, 'application/json', timeoutMs);
  const timer = setTimeout(abort, timeoutMs);
  try {
    const res = await response;
    const body = await readBody(res);
    if (res.statusCode !== 200)
      throw new FeedError(describeStatus(res.statusCode ?? 0, body, endpoint), res.statusCode ?? 0);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new FeedError(describeStatus(200, body, endpoint), 200);
    }
  } finally {
    clearTimeout(timer);
  }
}

export function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      body += chunk;
    });
    res.once('end', () => resolve(body));
    res.once('error', reject);
    res.once('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
}
