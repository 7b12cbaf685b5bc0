import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { DASHBOARD_CSP, type DashboardAsset } from './dashboard.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const ALLOWED_METHODS = 'GET, HEAD';

/** One complete JSON answer with its length; for HEAD, Node sends the headers alone. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, JSON.stringify(body), JSON_TYPE, headers);
}

/** One complete answer of any text type with its length. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Each asset compressed once, the first time a browser that accepts gzip asks for it. */
const gzipped = new WeakMap<DashboardAsset, Buffer>();

/**
 * A file of the web dashboard, under a Content-Security-Policy that lets it load only itself and talk
 * only to this server; gzipped when the client accepts it. Browsers revalidate it every time
 * (`no-cache`), so a page open across an upgrade never runs a stale script against a new server.
 */
export function sendAsset(
  res: ServerResponse,
  asset: DashboardAsset,
  acceptEncoding: string | undefined,
): void {
  let body = asset.body;
  const headers: Record<string, string | number> = {
    'Content-Type': asset.contentType,
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': DASHBOARD_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    Vary: 'Accept, Accept-Encoding',
  };
  if (acceptEncoding !== undefined && /\bgzip\b/i.test(acceptEncoding)) {
    let packed = gzipped.get(asset);
    if (packed === undefined) {
      packed = gzipSync(asset.body);
      gzipped.set(asset, packed);
    }
    body = packed;
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = body.length;
  res.writeHead(200, headers);
  res.end(body);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: message }, headers);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Content Too Large',
  431: 'Request Header Fields Too Large',
};

/** The raw answer to a request Node could not even parse, written straight to the socket. */
export function rawErrorResponse(status: number, message: string): string {
  const body = JSON.stringify({ error: message });
  return (
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\n` +
    `Content-Type: ${JSON_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}
