import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * `HOTPATH_METRICS_TOKEN`: every request must carry `Authorization: Bearer <token>`. Both sides are hashed
 * first so that `timingSafeEqual` compares equal-length digests and the time taken says nothing about the
 * token, not even its length.
 */
export class TokenCheck {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = digest(token);
  }

  accepts(authorization: string | undefined): boolean {
    if (authorization === undefined) return false;
    const match = /^Bearer[ \t]+(.*?)[ \t]*$/i.exec(authorization);
    // Still hash something when the scheme is wrong, so that a refusal costs the same either way.
    const presented = digest(match === null ? authorization : match[1]!);
    return timingSafeEqual(presented, this.expected) && match !== null;
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Whether an address or host name only ever reaches this machine. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || /^::ffff:127\./.test(name) || name === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * On a loopback-bound server, a request naming another host in its `Host` header came through a browser
 * tricked by DNS rebinding (a web page whose name now resolves to 127.0.0.1): it is refused, so that no
 * web page can read the data. Requests without a `Host` header (HTTP/1.0, raw tools) are let through.
 */
export function hostAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  if (hostHeader === undefined || hostHeader === '') return true;
  const name = hostName(hostHeader);
  return isLoopback(name) || name.toLowerCase() === boundHost.toLowerCase();
}

/** `127.0.0.1:6770` → `127.0.0.1`; `[::1]:6770` → `::1`. */
function hostName(hostHeader: string): string {
  const header = hostHeader.trim();
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    return end === -1 ? header : header.slice(1, end);
  }
  const colon = header.indexOf(':');
  return colon === -1 ? header : header.slice(0, colon);
}
