/** Where the metrics server is, and how requests to it fail, in words a user can act on. */

export interface Endpoint {
  host: string;
  port: number;
  /** `HOTPATH_METRICS_TOKEN`, sent as a bearer token when set. */
  token: string | null;
}

/** `127.0.0.1:6770`, `[::1]:6770`. */
export function address(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port}`;
}

/** A failure already put into words. */
export class FeedError extends Error {
  constructor(
    message: string,
    /** A status the server answered with, when it answered. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

/** Why a connection or request failed, as one line naming what to do. */
export function describeFailure(error: unknown, endpoint: Endpoint): string {
  if (error instanceof FeedError) return error.message;
  const where = address(endpoint);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing is listening on ${where} — start your program with HOTPATH=1`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve host "${endpoint.host}" — check --host or HOTPATH_METRICS_HOST`;
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return `${where} did not answer in time`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${where} closed the connection (did the program exit?)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable`;
    case 'EADDRNOTAVAIL':
      return `${where} is not a usable address`;
    default:
      return `cannot connect to ${where}: ${code ?? (error instanceof Error ? error.message : String(error))}`;
  }
}

/** What a non-2xx answer means; `body` is the server's `{ error }` text when it sent one. */
export function describeStatus(status: number, body: string, endpoint: Endpoint): string {
  const where = address(endpoint);
  let detail = '';
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') detail = parsed.error;
  } catch {
    // Not JSON: not a hotpath server, said below.
  }
  if (status === 401)
    return endpoint.token === null
      ? `${where} wants a token — set HOTPATH_METRICS_TOKEN to the program's token`
      : `${where} refused the token — HOTPATH_METRICS_TOKEN differs from the program's`;
  if (detail === '')
    return `${where} answered HTTP ${status}, not as a hotpath metrics server (another program on that port?)`;
  return `${where} answered ${status}: ${detail}`;
}
