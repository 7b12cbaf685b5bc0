import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { recordFault } from '../registry/faults.js';
import { isLoopback, TokenCheck } from './auth.js';
import { markHotpathServer } from './own-servers.js';
import { rawErrorResponse } from './respond.js';
import { handleRequest, type RouteContext } from './routes.js';
import { EventHub, HEARTBEAT_MS } from './sse.js';

export interface MetricsServerOptions {
  host: string;
  /** 0 picks any free port. */
  port: number;
  token: string | null;
  /** Where the one-line warnings go; stderr by default. */
  warn?: (message: string) => void;
  /** Where the "listening on" line goes; stderr by default. */
  announce?: (line: string) => void;
  heartbeatMs?: number;
  /** How long a client may take to send its request line and headers; 10 s by default. */
  requestTimeoutMs?: number;
}

export interface MetricsServer {
  /** `http://host:port`, with the port really bound. */
  readonly url: string;
  readonly server: Server;
  readonly hub: EventHub;
  close(): Promise<void>;
}

/** Slow clients get this long to send their request line and headers, then a 408. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Beyond this many open connections new ones are dropped: a bound on what clients can make us hold. */
const MAX_CONNECTIONS = 512;

/**
 * Starts the metrics server. It never keeps the host process alive (the listening socket, every
 * connection and every timer are `unref`'d) and never fails it: a port that is taken or a host that cannot
 * be bound gives one warning line and `null`, and the program carries on without a server.
 */
export function listenMetricsServer(options: MetricsServerOptions): Promise<MetricsServer | null> {
  const warn = options.warn ?? warnOnStderr;
  const announce = options.announce ?? ((line: string) => process.stderr.write(`${line}\n`));
  const hub = new EventHub(options.heartbeatMs ?? HEARTBEAT_MS);
  const context: RouteContext = {
    hub,
    token: options.token === null || options.token === '' ? null : new TokenCheck(options.token),
    loopbackHost: isLoopback(options.host) ? options.host : null,
  };
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      keepAliveTimeout: 5000,
      maxHeaderSize: 16 * 1024,
      // How often the (unref'd) timeout sweep runs; Node's 30 s default would let a slow client sit 40 s.
      connectionsCheckingInterval: Math.min(2000, requestTimeoutMs),
    },
    (req, res) => handleRequest(req, res, context),
  );
  markHotpathServer(server);
  server.maxConnections = MAX_CONNECTIONS;
  server.unref();
  server.on('connection', (socket: Socket) => {
    // An open connection (keep-alive, or an SSE subscriber) must not hold the program open either.
    socket.unref();
  });
  server.on('clientError', answerUnparsable);

  return new Promise((resolve) => {
    const onListenError = (error: NodeJS.ErrnoException) => {
      warn(listenFailure(error, options.host, options.port));
      resolve(null);
    };
    server.once('error', onListenError);
    try {
      server.listen({ host: options.host, port: options.port }, () => {
        server.off('error', onListenError);
        // Later errors (say, EMFILE on accept) are counted, never thrown into the program.
        server.on('error', recordFault);
        const { port } = server.address() as AddressInfo;
        const url = `http://${urlHost(options.host)}:${port}`;
        announce(`[hotpath] metrics server listening on ${url}`);
        if (context.loopbackHost === null) warn(exposureWarning(options.host, context.token !== null));
        resolve({ url, server, hub, close: () => close(server, hub) });
      });
    } catch (error) {
      // `listen` throws synchronously for arguments it refuses outright.
      onListenError(error as NodeJS.ErrnoException);
    }
  });
}

function close(server: Server, hub: EventHub): Promise<void> {
  return new Promise((resolve) => {
    hub.closeAll();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * A request Node's parser refused (malformed, headers too large, too slow): a JSON 4xx, then the
 * connection is closed, as Node itself does when nobody listens for `clientError`.
 */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Socket): void {
  try {
    if (error.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) {
      const [status, message] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'request line or headers too large']
          : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
            ? [413, 'chunk extensions too large']
            : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
              ? [408, 'request not received in time']
              : [400, 'malformed HTTP request'];
      socket.write(rawErrorResponse(status, message));
    }
    socket.destroy();
  } catch (fault) {
    recordFault(fault);
  }
}

function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  const address = `${urlHost(host)}:${port}`;
  if (error.code === 'EADDRINUSE')
    return `metrics server not started: ${address} is already in use; set HOTPATH_METRICS_PORT to a free port (0 picks any) or HOTPATH_METRICS_SERVER_OFF=1`;
  return `metrics server not started: cannot listen on ${address} (${error.code ?? error.message}); check HOTPATH_METRICS_HOST and HOTPATH_METRICS_PORT, or set HOTPATH_METRICS_SERVER_OFF=1`;
}

function exposureWarning(host: string, withToken: boolean): string {
  return withToken
    ? `the metrics server listens on ${host}, reachable from other machines; requests need the HOTPATH_METRICS_TOKEN token, but travel unencrypted (plain HTTP)`
    : `the metrics server listens on ${host}, reachable from other machines: anyone who can connect can read every label and logged value; set HOTPATH_METRICS_TOKEN to require a token, or HOTPATH_METRICS_HOST=127.0.0.1`;
}

/** IPv6 addresses go in brackets in a URL. */
function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function warnOnStderr(message: string): void {
  process.stderr.write(`[hotpath] warning: ${message}\n`);
}
