import { channelInstanceRows } from '../registry/channels.js';
import { nowMs } from '../registry/clock.js';
import { allLints, type RowsBy, takeSnapshot } from '../registry/snapshot.js';
import { streamInstanceRows } from '../registry/streams.js';
import type { ChannelRow, FunctionRow, FutureRow, GaugeRow, Lint, Snapshot, StreamRow } from '../types.js';

export type ListKind = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges';

/** `GET /snapshot`: `snapshot()` with every list cut to `limit` rows, and the full counts in `totals`. */
export function limitedSnapshot(limit: number, by: RowsBy = 'instance'): Snapshot {
  return limitSnapshot(takeSnapshot(by), limit);
}

export function limitSnapshot(snapshot: Snapshot, limit: number): Snapshot {
  return {
    ...snapshot,
    channels: snapshot.channels.slice(0, limit),
    streams: snapshot.streams.slice(0, limit),
    futures: snapshot.futures.slice(0, limit),
    ...(snapshot.functions === undefined ? {} : { functions: snapshot.functions.slice(0, limit) }),
    ...(snapshot.gauges === undefined ? {} : { gauges: snapshot.gauges.slice(0, limit) }),
    ...(snapshot.lints === undefined ? {} : { lints: snapshot.lints.slice(0, limit) }),
    totals: {
      channels: snapshot.channels.length,
      streams: snapshot.streams.length,
      futures: snapshot.futures.length,
      // Only when there are any, so that a client written before these lists existed sees what it knew.
      ...(snapshot.functions?.length ? { functions: snapshot.functions.length } : {}),
      ...(snapshot.gauges?.length ? { gauges: snapshot.gauges.length } : {}),
    },
  };
}

export type ListPage =
  | { elapsedMs: number; total: number; channels: ChannelRow[] }
  | { elapsedMs: number; total: number; streams: StreamRow[] }
  | { elapsedMs: number; total: number; futures: FutureRow[] }
  | { elapsedMs: number; total: number; functions: FunctionRow[] }
  | { elapsedMs: number; total: number; gauges: GaugeRow[] };

/** `GET /channels` and friends: one page of one kind, taken from the same snapshot the other routes use. */
export function listPage(kind: ListKind, offset: number, limit: number, by: RowsBy = 'instance'): ListPage {
  // Only channels and streams have instance rows; futures, functions and gauges are one row per site.
  const snapshot = takeSnapshot(kind === 'channels' || kind === 'streams' ? by : 'instance');
  const rows = snapshot[kind] ?? [];
  return {
    elapsedMs: snapshot.elapsedMs,
    total: rows.length,
    [kind]: rows.slice(offset, offset + limit),
  } as ListPage;
}

/**
 * `GET /channels?site=ID` (or `/streams`): the instances one site still holds, live ones first, then the
 * finished ones newest first; `null` when the kind has no sites of that sort.
 */
export function sitePage(kind: ListKind, siteId: number, offset: number, limit: number): ListPage | null {
  if (kind !== 'channels' && kind !== 'streams') return null;
  const rows = kind === 'channels' ? channelInstanceRows(siteId) : streamInstanceRows(siteId);
  return {
    elapsedMs: Math.round(nowMs() * 1000) / 1000,
    total: rows.length,
    [kind]: rows.slice(offset, offset + limit),
  } as ListPage;
}

/**
 * `GET /lints`: what hotpath finds wrong now, with `rowId`s as the matching `/snapshot` lists them
 * (`?by=site`: site rows).
 */
export function lintsPage(by: RowsBy): { elapsedMs: number; lints: Lint[] } {
  return { elapsedMs: Math.round(nowMs() * 1000) / 1000, lints: allLints(by) };
}

export interface Health {
  status: 'ok';
  pid: number;
  schemaVersion: 1;
  elapsedMs: number;
}

export function health(): Health {
  return { status: 'ok', pid: process.pid, schemaVersion: 1, elapsedMs: Math.round(nowMs() * 1000) / 1000 };
}
