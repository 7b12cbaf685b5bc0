/**
 * What each MCP tool reads from the program's metrics server, and how it answers: one concise text for
 * the agent to read and the same data structured. Nothing here knows about MCP itself (see `serve.ts`).
 */
import type {
  ChannelLogs,
  ChannelRow,
  FunctionRow,
  FutureCalls,
  FutureRow,
  GaugeRow,
  Lint,
  LogEntry,
  RuntimeStats,
  StreamLogs,
  StreamRow,
} from 'hotpath';
import { describeFailure, type Endpoint, FeedError } from '../client/endpoint.js';
import { getJson } from '../client/http.js';
import { formatBytes, formatDurationMs } from '../console/format.js';

export interface Answer {
  text: string;
  structured: Record<string, unknown>;
}

export type ListKind = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges';
type Row = ChannelRow | StreamRow | FutureRow | FunctionRow | GaugeRow;

export interface ListQuery {
  /** Kept when the label or call site contains it (case-insensitive). */
  filter?: string | undefined;
  /** A numeric field of the row, largest first; the server's order when absent. */
  sort?: string | undefined;
  limit?: number | undefined;
}

/** The numeric fields each kind can be sorted by. */
export const SORTABLE: Record<ListKind, readonly string[]> = {
  channels: ['sent', 'received', 'queued', 'createdMs', 'id'],
  streams: ['yielded', 'createdMs', 'id'],
  futures: ['calls', 'pending', 'resolved', 'rejected', 'cancelled', 'id'],
  functions: ['calls', 'errors', 'pending', 'totalMs', 'meanMs', 'p95Ms', 'maxMs', 'id'],
  gauges: ['updates', 'value', 'id'],
};

/** A failure of the request, in the console's words: not running, wrong port, token missing or wrong. */
export class ToolFailure extends Error {}

async function fetchJson(endpoint: Endpoint, path: string): Promise<unknown> {
  try {
    return await getJson(endpoint, path);
  } catch (error) {
    throw new ToolFailure(describeFailure(error, endpoint));
  }
}

interface Health {
  pid: number;
  elapsedMs: number;
}

/** Connected or not, never a tool error: "is it running?" is the question this tool answers. */
export async function status(endpoint: Endpoint): Promise<Answer> {
  try {
    const health = (await getJson(endpoint, '/health')) as Health;
    const snapshot = (await getJson(endpoint, '/snapshot?limit=1')) as {
      totals?: Record<ListKind, number>;
      faults: number;
    };
    const totals = snapshot.totals ?? { channels: 0, streams: 0, futures: 0 };
    return {
      text: `connected: pid ${health.pid}, up ${seconds(health.elapsedMs)}; ${totals.channels} channels, ${totals.streams} streams, ${totals.futures} futures; ${snapshot.faults} internal faults`,
      structured: {
        connected: true,
        pid: health.pid,
        uptimeMs: health.elapsedMs,
        ...totals,
        faults: snapshot.faults,
      },
    };
  } catch (error) {
    const reason =
      error instanceof FeedError || error instanceof Error ? describeFailure(error, endpoint) : String(error);
    return { text: `not connected: ${reason}`, structured: { connected: false, reason } };
  }
}

export async function list(endpoint: Endpoint, kind: ListKind, query: ListQuery): Promise<Answer> {
  const page = (await fetchJson(endpoint, `/${kind}?limit=100000`)) as Record<ListKind, Row[]> & {
    total: number;
  };
  let rows = page[kind];
  const needle = query.filter?.toLowerCase();
  if (needle) rows = rows.filter((row) => `${row.label} ${row.source ?? ''}`.toLowerCase().includes(needle));
  if (query.sort !== undefined) {
    const key = query.sort as keyof Row;
    rows = [...rows].sort((a, b) => Number(b[key] ?? 0) - Number(a[key] ?? 0));
  }
  const matched = rows.length;
  // A row's history is 120 samples a list: for a console to draw, too much for an agent to read.
  rows = rows.slice(0, query.limit ?? 50).map(withoutHistory);
  const lines = rows.map((row) => describeRow(kind, row));
  const head = `${rows.length} of ${matched} ${kind}${needle ? ` matching "${query.filter}"` : ''} (${page.total} in all)`;
  return { text: [head, ...lines].join('\n'), structured: { total: page.total, matched, [kind]: rows } };
}

function withoutHistory(row: Row): Row {
  if (!('history' in row)) return row;
  const { history: _history, ...rest } = row;
  return rest as Row;
}

/** A view of the server; one from before that view existed (a 404) is named by `missing`, not "404". */
async function fetchView(endpoint: Endpoint, path: string, missing: string): Promise<unknown> {
  try {
    return await getJson(endpoint, path);
  } catch (error) {
    if (error instanceof FeedError && error.status === 404)
      throw new ToolFailure(`${missing}: ${error.message}`);
    throw new ToolFailure(describeFailure(error, endpoint));
  }
}

/** Every row of a kind. */
function fetchList(endpoint: Endpoint, kind: ListKind): Promise<unknown> {
  return fetchView(
    endpoint,
    `/${kind}?limit=100000`,
    `this program's hotpath has no ${kind} view (an older version)`,
  );
}

/** The event loop, heap, GC and stalls of the process, and each thread's loop. */
export async function runtime(endpoint: Endpoint): Promise<Answer> {
  const stats = (await fetchView(
    endpoint,
    '/runtime',
    'no runtime figures (an older hotpath, or its sampler has not started)',
  )) as RuntimeStats;
  const { eventLoop, heap, gc } = stats;
  const gcKinds = Object.entries(gc.byKind).map(
    ([kind, { count, totalMs }]) => `${kind} ${count} (${formatDurationMs(totalMs)})`,
  );
  const lastStall = stats.stalls.at(-1);
  const lines = [
    `event loop: delay p50 ${formatDurationMs(eventLoop.delayP50Ms)}, p99 ${formatDurationMs(eventLoop.delayP99Ms)}, max ${formatDurationMs(eventLoop.delayMaxMs)}; utilisation ${percent(eventLoop.utilization)}`,
    `heap: ${formatBytes(heap.usedBytes)} used of ${formatBytes(heap.totalBytes)} (limit ${formatBytes(heap.limitBytes)}); rss ${formatBytes(stats.rssBytes)}`,
    `gc: ${gc.count} collections, ${formatDurationMs(gc.totalMs)}${gcKinds.length > 0 ? ` — ${gcKinds.join(', ')}` : ''}`,
    `stalls (loop blocked 100 ms or more): ${stats.stallCount}${lastStall === undefined ? '' : `, the last ${formatDurationMs(lastStall.durationMs)} at ${seconds(lastStall.atMs)}`}`,
    `threads: ${stats.threads.length}`,
    ...stats.threads.map(
      (thread) =>
        `  #${thread.threadId} ${thread.name}${thread.alive ? '' : ' (exited)'}: utilisation ${percent(thread.eventLoop.utilization)}, delay p99 ${formatDurationMs(thread.eventLoop.delayP99Ms)}${thread.heap === undefined ? '' : `, heap ${formatBytes(thread.heap.usedBytes)}`}`,
    ),
  ];
  return { text: lines.join('\n'), structured: stats as unknown as Record<string, unknown> };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(0)}%`;
}

export interface LintQuery {
  /** Only this lint (`channel-full`, `future-pending`, …). */
  lint?: string | undefined;
  limit?: number | undefined;
}

/**
 * What hotpath finds wrong now (`/lints?by=site`): one line per lint and site row, its message naming
 * the row, and since when. "Nothing raised" is an answer, not an error.
 */
export async function lints(endpoint: Endpoint, query: LintQuery): Promise<Answer> {
  const page = (await fetchView(
    endpoint,
    '/lints?by=site',
    "this program's hotpath has no lints view (an older version)",
  )) as { elapsedMs: number; lints: Lint[] };
  const matched = page.lints.filter((lint) => query.lint === undefined || lint.lint === query.lint);
  const shown = matched.slice(0, query.limit ?? 50);
  const head =
    matched.length === 0
      ? `no warnings${query.lint === undefined ? '' : ` of ${query.lint}`}: nothing looks stuck, full or leaking`
      : `${matched.length} warning(s)${query.lint === undefined ? '' : ` of ${query.lint}`}, as of ${seconds(page.elapsedMs)}`;
  const lines = shown.map(
    (lint) =>
      `  [${lint.lint}] ${lint.message} (${lint.kind} row #${lint.rowId}, since ${seconds(lint.since)})`,
  );
  return { text: [head, ...lines].join('\n'), structured: { total: matched.length, lints: shown } };
}

function describeRow(kind: ListKind, row: Row): string {
  const where = row.source === null ? '' : ` at ${row.source}`;
  if (kind === 'channels') {
    const c = row as ChannelRow;
    return `#${c.id} ${c.label} [${c.kind} ${c.type}] ${c.state}: sent ${c.sent}, received ${c.received}, queued ${c.queued}${where}`;
  }
  if (kind === 'streams') {
    const s = row as StreamRow;
    return `#${s.id} ${s.label} [${s.kind}] ${s.state}: yielded ${s.yielded}${where}`;
  }
  if (kind === 'functions') {
    const f = row as FunctionRow;
    const timing = f.meanMs === null ? '' : `, mean ${f.meanMs} ms, p95 ${f.p95Ms} ms, max ${f.maxMs} ms`;
    return `#${f.id} ${f.label} [${f.kind}]: calls ${f.calls}, errors ${f.errors}, pending ${f.pending}${timing}`;
  }
  if (kind === 'gauges') {
    const g = row as GaugeRow;
    return `#${g.id} ${g.label} [${g.kind}]: ${g.message ?? g.value ?? '(unset)'} after ${g.updates} updates${where}`;
  }
  const f = row as FutureRow;
  return `#${f.id} ${f.label}: calls ${f.calls}, pending ${f.pending}, resolved ${f.resolved}, rejected ${f.rejected}, cancelled ${f.cancelled}${where}`;
}

export interface ItemQuery {
  id?: number | undefined;
  label?: string | undefined;
  limit?: number | undefined;
}

/** The row an `id` or exact `label` names; a label that names several rows takes the newest. */
async function resolveId(endpoint: Endpoint, kind: ListKind, query: ItemQuery): Promise<number> {
  if (query.id !== undefined) return query.id;
  if (query.label === undefined) throw new ToolFailure('give an id or a label');
  const page = (await fetchList(endpoint, kind)) as Record<ListKind, Row[]>;
  const matches = page[kind].filter((row) => row.label === query.label);
  if (matches.length === 0) throw new ToolFailure(`no ${kind.slice(0, -1)} labelled "${query.label}"`);
  return Math.max(...matches.map((row) => row.id));
}

/** The newest `limit` entries; the server lists them newest first. */
const newest = <T>(entries: T[], limit: number | undefined) => entries.slice(0, limit ?? 50);

const logLine = (entry: LogEntry) =>
  `  ${entry.index}. ${entry.message ?? '(not logged)'} at ${seconds(entry.timestampMs)}`;

export async function channelLogs(endpoint: Endpoint, query: ItemQuery): Promise<Answer> {
  const id = await resolveId(endpoint, 'channels', query);
  const logs = (await fetchJson(endpoint, `/channels/${id}/logs`)) as ChannelLogs;
  const sent = newest(logs.sentLogs, query.limit);
  const received = newest(logs.receivedLogs, query.limit);
  const text = [
    `channel #${id}: ${sent.length} sent, ${received.length} received (newest first; needs log: true on the channel)`,
    'sent:',
    ...sent.map(logLine),
    'received:',
    ...received.map(logLine),
  ].join('\n');
  return { text, structured: { id, sentLogs: sent, receivedLogs: received } };
}

export async function streamLogs(endpoint: Endpoint, query: ItemQuery): Promise<Answer> {
  const id = await resolveId(endpoint, 'streams', query);
  const logs = (await fetchJson(endpoint, `/streams/${id}/logs`)) as StreamLogs;
  const items = newest(logs.logs, query.limit);
  const text = [
    `stream #${id}: ${items.length} items (newest first; needs log: true on the stream)`,
    ...items.map(logLine),
  ];
  return { text: text.join('\n'), structured: { id, logs: items } };
}

export async function futureCalls(endpoint: Endpoint, query: ItemQuery): Promise<Answer> {
  const id = await resolveId(endpoint, 'futures', query);
  const calls = (await fetchJson(endpoint, `/futures/${id}/calls`)) as FutureCalls;
  const recent = newest(calls.calls, query.limit);
  const text = [
    `future #${id}: ${recent.length} calls (newest first)`,
    ...recent.map((call) => `  call ${call.id} ${call.state}, started at ${seconds(call.startedMs)}`),
  ];
  return { text: text.join('\n'), structured: { id, calls: recent } };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
