import type { IncomingMessage, ServerResponse } from 'node:http';
import { config } from '../config.js';
import { contentTypeOf, formatFor, renderMetrics } from '../export/prometheus.js';
import { channelLogs, channelSiteLogs } from '../registry/channels.js';
import { recordFault } from '../registry/faults.js';
import { functionLogs } from '../registry/functions.js';
import { futureCalls } from '../registry/futures.js';
import { gaugeLogs } from '../registry/gauges.js';
import { takeSnapshot } from '../registry/snapshot.js';
import { streamLogs, streamSiteLogs } from '../registry/streams.js';
import { runtimeStats } from '../runtime/main-thread.js';
import { hostAllowed, type TokenCheck } from './auth.js';
import { readBy, readId, readIntervalMs, readLimit, readOffset, readSite } from './params.js';
import { BadRequest, clip, parseTarget, type RequestTarget } from './request-target.js';
import { ALLOWED_METHODS, sendError, sendJson, sendText } from './respond.js';
import type { EventHub } from './sse.js';
import { health, limitedSnapshot, lintsPage, listPage, sitePage } from './views.js';

export interface RouteContext {
  readonly hub: EventHub;
  /** Set when `HOTPATH_METRICS_TOKEN` is. */
  readonly token: TokenCheck | null;
  /** The bound host when it is a loopback one: then `Host` headers naming other hosts are refused. */
  readonly loopbackHost: string | null;
}

/** The routes a client can discover at `GET /`. */
export const ROUTES = [
  '/health',
  '/snapshot',
  '/channels',
  '/channels/:id/logs',
  '/streams',
  '/streams/:id/logs',
  '/futures',
  '/futures/:id/calls',
  '/functions',
  '/functions/:id/logs',
  '/gauges',
  '/gauges/:id/logs',
  '/events',
  '/metrics',
  '/runtime',
  '/lints',
] as const;

/** What a request gets: one JSON body, one text body (`/metrics`), or a subscription to the event feed. */
type Answer =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { text: string; contentType: string }
  | { events: { intervalMs: number; limit: number; by: 'site' | 'instance' } };

/**
 * Answers one request. Whatever arrives, the answer is a JSON 2xx or 4xx; a fault of hotpath's own is
 * counted (it shows in `faults`) and answered 500 only because there is nothing better left to say.
 */
export function handleRequest(req: IncomingMessage, res: ServerResponse, context: RouteContext): void {
  try {
    // A body is never read; let it drain so that a keep-alive connection stays usable.
    req.resume();
    const answer = answerFor(req, context);
    if ('events' in answer) {
      const { intervalMs, limit, by } = answer.events;
      context.hub.subscribe(res, intervalMs, limit, req.method === 'HEAD', by);
    } else if ('text' in answer) {
      sendText(res, 200, answer.text, answer.contentType);
    } else {
      sendJson(res, answer.status, answer.body, answer.headers);
    }
  } catch (error) {
    recordFault(error);
    if (res.headersSent) res.destroy();
    else sendError(res, 500, 'internal error in hotpath (counted in the snapshot as a fault)');
  }
}

function answerFor(req: IncomingMessage, context: RouteContext): Answer {
  if (context.loopbackHost !== null && !hostAllowed(req.headers.host, context.loopbackHost))
    return failure(403, 'this server answers only requests addressed to a loopback host');
  if (context.token !== null && !context.token.accepts(req.headers.authorization)) {
    return failure(401, 'missing or wrong token: send Authorization: Bearer <HOTPATH_METRICS_TOKEN>', {
      'WWW-Authenticate': 'Bearer realm="hotpath"',
    });
  }
  const method = req.method ?? '';
  if (method !== 'GET' && method !== 'HEAD')
    return failure(405, `method ${clip(method)} not allowed; use GET or HEAD`, { Allow: ALLOWED_METHODS });
  try {
    return route(parseTarget(req.url), req.headers.accept);
  } catch (error) {
    if (error instanceof BadRequest) return failure(400, error.message);
    throw error;
  }
}

function route({ segments, query }: RequestTarget, accept: string | undefined): Answer {
  const [first, second, third] = segments;
  if (segments.length === 0) return ok({ routes: ROUTES });
  if (segments.length === 1) {
    switch (first) {
      case 'health':
        return ok(health());
      case 'snapshot':
        return ok(limitedSnapshot(readLimit(query), readBy(query)));
      case 'channels':
      case 'streams':
      case 'futures': {
        const site = readSite(query);
        if (site === null) return ok(listPage(first, readOffset(query), readLimit(query), readBy(query)));
        const page = sitePage(first, site, readOffset(query), readLimit(query));
        return page === null
          ? failure(400, 'futures are listed one row per site already; no ?site')
          : ok(page);
      }
      case 'functions':
      case 'gauges':
        return ok(listPage(first, readOffset(query), readLimit(query)));
      case 'runtime': {
        const runtime = runtimeStats();
        return runtime === undefined
          ? failure(404, 'the runtime sampler has not started (nothing is monitored yet)')
          : ok(runtime);
      }
      case 'lints':
        return ok(lintsPage(readBy(query)));
      case 'events':
        return {
          events: { intervalMs: readIntervalMs(query), limit: readLimit(query), by: readBy(query) },
        };
      case 'metrics': {
        const format = formatFor(accept);
        return {
          text: renderMetrics(takeSnapshot('site'), config.metricsSeriesLimit, format),
          contentType: contentTypeOf(format),
        };
      }
    }
  }
  if (segments.length === 3) {
    const bySite = readBy(query) === 'site';
    if (first === 'channels' && third === 'logs')
      return bySite ? item('channel site', second!, channelSiteLogs) : item('channel', second!, channelLogs);
    if (first === 'streams' && third === 'logs')
      return bySite ? item('stream site', second!, streamSiteLogs) : item('stream', second!, streamLogs);
    if (first === 'futures' && third === 'calls') return item('future', second!, futureCalls);
    if (first === 'functions' && third === 'logs') return item('function', second!, functionLogs);
    if (first === 'gauges' && third === 'logs') return item('gauge', second!, gaugeLogs);
  }
  return failure(404, `no route ${clip(`/${segments.join('/')}`)}; see GET / for the list`);
}

function item(kind: string, rawId: string, lookup: (id: number) => object | null): Answer {
  const id = readId(rawId);
  if (id === null) return failure(400, `${kind} id must be a positive integer, got "${clip(rawId)}"`);
  const found = lookup(id);
  return found === null ? failure(404, `no ${kind} with id ${id}`) : ok(found);
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function failure(status: number, message: string, headers?: Record<string, string>): Answer {
  return { status, body: { error: message }, ...(headers === undefined ? {} : { headers }) };
}
