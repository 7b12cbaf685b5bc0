/**
 * What `hotpath compare` compares: per site (one row per label or call site, as the console shows them),
 * a count, its rate per second, errors, and the latency percentiles of that kind of row.
 */
import type { Snapshot } from 'hotpath';
import { bySite } from 'hotpath/recording';
import type { Metric } from './rules.js';

export type SiteKind = 'channel' | 'stream' | 'future' | 'function';

export interface SiteMetrics {
  kind: SiteKind;
  label: string;
  /** What `calls` counts for this kind: sent messages, yielded items, calls. */
  countName: string;
  /** What the percentiles time: channel delivery delay, call duration. */
  timeName: string | null;
  values: Partial<Record<Metric, number>>;
}

interface Percentiles {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function siteMetrics(snapshot: Snapshot): Map<string, SiteMetrics> {
  const sites = bySite(snapshot);
  const seconds = Math.max(sites.elapsedMs, 1) / 1000;
  const out = new Map<string, SiteMetrics>();
  const add = (
    kind: SiteKind,
    row: { label: string; threadId?: number },
    countName: string,
    count: number,
    errors: number | null,
    timeName: string | null,
    times: Percentiles | null,
  ) => {
    const label = row.threadId === undefined ? row.label : `${row.label} [thread ${row.threadId}]`;
    const values: Partial<Record<Metric, number>> = { calls: count, rate: count / seconds };
    if (errors !== null) values.errors = errors;
    if (times !== null)
      Object.assign(values, { p50: times.p50Ms, p95: times.p95Ms, p99: times.p99Ms, max: times.maxMs });
    out.set(`${kind}\u0000${label}`, { kind, label, countName, timeName, values });
  };
  for (const row of sites.channels) add('channel', row, 'sent', row.sent, null, 'delay', row.delay);
  for (const row of sites.streams) add('stream', row, 'yielded', row.yielded, null, null, null);
  for (const row of sites.futures)
    add('future', row, 'calls', row.calls, row.rejected, 'duration', row.duration);
  for (const row of sites.functions ?? [])
    add(
      'function',
      row,
      'calls',
      row.calls,
      row.errors,
      'duration',
      row.p50Ms === null
        ? null
        : { p50Ms: row.p50Ms, p95Ms: row.p95Ms ?? 0, p99Ms: row.p99Ms ?? 0, maxMs: row.maxMs ?? 0 },
    );
  return out;
}
