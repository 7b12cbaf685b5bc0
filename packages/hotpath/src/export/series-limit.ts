/**
 * `HOTPATH_METRICS_SERIES_LIMIT`: which sites keep series of their own in one scrape. Sites are admitted
 * kind by kind in turn (the first channel, stream, future, function and gauge site, then the second of
 * each, …) while their series fit; the rest are summed into one `(other)` row per kind. The snapshot's order
 * is stable, so the same sites keep their series from one scrape to the next.
 */
import type { RuntimeStats, Snapshot } from '../types.js';
import { type Emit, FAMILIES, type Family, familiesOf } from './families.js';
import {
  GROUP_KINDS,
  type GroupKind,
  groupSites,
  type MetricGroups,
  otherGroup,
  type SiteGroup,
} from './site-groups.js';

/** Threads whose loop and heap are exported, at most (live ones, main first): a few series each. */
export const MAX_THREADS = 32;

/** The groups of one scrape from a `takeSnapshot('site')`, at most `seriesLimit` series in all. */
export function metricGroups(snapshot: Snapshot, seriesLimit: number): MetricGroups {
  const sites = groupSites(snapshot);
  const runtime = snapshot.runtime ?? null;
  const metrics: MetricGroups = {
    channels: [],
    streams: [],
    futures: [],
    functions: [],
    gauges: [],
    foldedSites: 0,
    faults: snapshot.faults,
    runtime,
    threads: exportedThreads(runtime),
  };
  // What is there whatever the sites: the process-wide series and, at their largest, the (other) rows.
  let reserved = 0;
  for (const family of FAMILIES) if (family.of === undefined) reserved += pointCount([family], metrics);
  for (const kind of GROUP_KINDS) reserved += pointCount(familiesOf(kind), otherGroup(kind, []));
  let left = Math.max(0, seriesLimit - reserved);
  const folded = new Map<GroupKind, SiteGroup[]>(GROUP_KINDS.map((kind) => [kind, []]));
  const costs = new Map(GROUP_KINDS.map((kind) => [kind, familiesOf(kind)]));
  const longest = Math.max(...GROUP_KINDS.map((kind) => sites[kind].length));
  for (let i = 0; i < longest; i++) {
    for (const kind of GROUP_KINDS) {
      const group: SiteGroup | undefined = sites[kind][i];
      if (group === undefined) continue;
      const rest = folded.get(kind)!;
      // Once one site of a kind is folded, every later one is too: none jumps the queue by being cheaper.
      const needed = rest.length > 0 ? Number.POSITIVE_INFINITY : pointCount(costs.get(kind)!, group);
      if (needed > left) rest.push(group);
      else {
        (metrics[kind] as SiteGroup[]).push(group);
        left -= needed;
      }
    }
  }
  for (const [kind, rest] of folded) {
    if (rest.length === 0) continue;
    metrics.foldedSites += rest.length;
    (metrics[kind] as SiteGroup[]).push(otherGroup(kind, rest));
  }
  return metrics;
}

/** How many series (sample lines) the families give for `source`. */
function pointCount(families: readonly Family[], source: unknown): number {
  let count = 0;
  const emit: Emit = () => {
    count++;
  };
  for (const family of families) family.points(source, emit);
  return count;
}

function exportedThreads(runtime: RuntimeStats | null): MetricGroups['threads'] {
  if (runtime === null) return [];
  return runtime.threads
    .filter((thread) => thread.alive)
    .slice(0, MAX_THREADS)
    .map((stats) => ({ at: { thread: String(stats.threadId) }, stats }));
}
