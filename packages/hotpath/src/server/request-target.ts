/**
 * The request target (`/channels/7/logs?limit=10`), taken apart without ever throwing: anything a client
 * can send, however malformed, ends as a `BadRequest` (answered 400), never as a server error.
 */

export interface RequestTarget {
  /** Decoded path segments: `/channels/7/logs` → `['channels', '7', 'logs']`; `/` → `[]`. */
  segments: string[];
  /** Decoded query parameters; a name given twice is refused (see `parseQuery`). */
  query: Map<string, string>;
}

export class BadRequest extends Error {}

/** Longer targets are refused before any decoding work (Node already caps the header block at 16 KiB). */
const MAX_TARGET_LENGTH = 8192;
const MAX_QUERY_PARAMETERS = 32;

export function parseTarget(raw: string | undefined): RequestTarget {
  if (raw === undefined || raw === '') throw new BadRequest('empty request target');
  if (raw.length > MAX_TARGET_LENGTH) throw new BadRequest('request target too long');
  let target = raw;
  // Absolute form (`GET http://host/path`), which HTTP/1.1 servers must accept.
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (absolute !== null) target = target.slice(absolute[0].length) || '/';
  if (!target.startsWith('/')) throw new BadRequest('request target must start with /');
  const hash = target.indexOf('#');
  if (hash !== -1) target = target.slice(0, hash);
  const question = target.indexOf('?');
  const path = question === -1 ? target : target.slice(0, question);
  const search = question === -1 ? '' : target.slice(question + 1);
  const segments = path
    .slice(1)
    .split('/')
    .map((segment) => decodeComponent(segment));
  // `/channels/` reads as `/channels`; `/` has no segments.
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  return { segments, query: parseQuery(search) };
}

function parseQuery(search: string): Map<string, string> {
  const query = new Map<string, string>();
  if (search === '') return query;
  const pairs = search.split('&');
  if (pairs.length > MAX_QUERY_PARAMETERS) throw new BadRequest('too many query parameters');
  for (const pair of pairs) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals), true);
    const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1), true);
    if (query.has(name)) throw new BadRequest(`query parameter "${clip(name)}" given more than once`);
    query.set(name, value);
  }
  return query;
}

function decodeComponent(text: string, plusIsSpace = false): string {
  const spaced = plusIsSpace ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new BadRequest('malformed percent-encoding in the request target');
  }
}

/** A client-chosen text quoted in an error, cut short so that errors stay small. */
export function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}
