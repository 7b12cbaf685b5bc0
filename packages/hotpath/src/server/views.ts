import { nowMs } from '../registry/clock.js';
import { takeSnapshot } from '../registry/snapshot.js';
import type { ChannelRow, FunctionRow, FutureRow, GaugeRow, Snapshot, StreamRow } from '../types.js';

export type ListKind = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges';

/** `GET /snapshot`: `snapshot()` with every list cut to `limit` rows, and the full counts in `totals`. */
export function limitedSnapshot(limit: number): Snapshot {
  return limitSnapshot(takeSnapshot(), limit);
}

export function limitSnapshot(snapshot: Snapshot, limit: number): Snapshot {
  return {
    ...snapshot,
    channels: snapshot.channels.slice(0, limit),
    streams: snapshot.streams.slice(0, limit),
    futures: snapshot.futures.slice(0, limit),
    ...(snapshot.functions === undefined ? {} : { functions: snapshot.functions.slice(0, limit) }),
    ...(snapshot.gauges === undefined ? {} : { gauges: snapshot.gauges.slice(0, limit) }),
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
export function listPage(kind: ListKind, offset: number, limit: number): ListPage {
  const snapshot = takeSnapshot();
  const rows = snapshot[kind] ?? [];
  return {
    elapsedMs: snapshot.elapsedMs,
    total: rows.length,
    [kind]: rows.slice(offset, offset + limit),
  } as ListPage;
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
