/**
 * `HOTPATH_METRICS_SERIES_LIMIT`: which sites keep series of their own in one scrape. Sites are admitted
 * kind by kind in turn (the first channel, stream, future, function and gauge site, then the second of
 * each, …) while their series fit; the rest are summed into one `(other)` row per kind. The snapshot's order
 * is stable, so the same sites keep their series from one scrape to the next.
 */
import type { RuntimeStats, Snapshot } from '../types.js';
import { type Emit, FAMILIES, type Family, familiesOf } from './families.js';
import {
  attributesOf,
  GROUP_KINDS,
  type GroupKind,
  type KindReader,
  type MetricGroups,
  READERS,
  type RowOf,
  rowsOf,
  type SiteGroup,
  siteKey,
} from './site-groups.js';

/** Threads whose loop and heap are exported, at most (live ones, main first): a few series each. */
export const MAX_THREADS = 32;

/** The groups of one scrape from a `takeSnapshot('site')`, at most `seriesLimit` series in all. */
export function metricGroups(snapshot: Snapshot, seriesLimit: number): MetricGroups {
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
  let left = seriesLimit;
  for (const family of FAMILIES) if (family.of === undefined) left -= pointCount([family], metrics);
  for (const kind of GROUP_KINDS) left -= pointCount(familiesOf(kind), READERS[kind].empty());
  const rows = rowsOf(snapshot);
  const admitting = GROUP_KINDS.map((kind) => new Admission(kind, rows[kind], metrics[kind]));
  const longest = Math.max(...GROUP_KINDS.map((kind) => rows[kind].length));
  for (let i = 0; i < longest; i++) for (const kind of admitting) left = kind.offer(i, left);
  for (const kind of admitting) metrics.foldedSites += kind.close();
  return metrics;
}

/**
 * The sites of one kind as they are offered: a site's first row gets a group (and its series) while they
 * fit, a later row of the same site (another thread's) adds to it, and the rest add up in `(other)`
 * without a group of their own, so that folding 10,000 sites costs sums, not objects.
 */
class Admission<K extends GroupKind> {
  private readonly reader: KindReader<RowOf<K>, SiteGroup>;
  private readonly families: Family[];
  private readonly byKey = new Map<string, SiteGroup>();
  private other: SiteGroup | null = null;
  private folded = 0;

  constructor(
    kind: K,
    private readonly rows: readonly RowOf<K>[],
    private readonly kept: SiteGroup[],
  ) {
    this.reader = READERS[kind] as unknown as KindReader<RowOf<K>, SiteGroup>;
    this.families = familiesOf(kind);
  }

  /** Offers the i-th row with `left` series to spare; returns what is left. */
  offer(i: number, left: number): number {
    const row = this.rows[i];
    if (row === undefined) return left;
    // Only another thread's row can repeat a site that kept its series; a main-thread row past the limit
    // goes straight to (other), without a key.
    const key = this.other === null || 'threadId' in row ? siteKey(row) : null;
    const group = key === null ? undefined : this.byKey.get(key);
    if (group !== undefined) {
      this.reader.add(group, row);
      this.reader.merge(group, row);
      return left;
    }
    // Once one site of a kind is folded, every later one is too: none jumps the queue by being cheaper.
    if (this.other === null) {
      const created = this.reader.create(row, attributesOf(row));
      const needed = pointCount(this.families, created);
      if (needed <= left) {
        this.byKey.set(key!, created);
        this.kept.push(created);
        return left - needed;
      }
      this.other = this.reader.empty();
    }
    this.reader.add(this.other, row);
    this.folded++;
    return left;
  }

  /** Adds the `(other)` row, if any site was folded; returns how many were. */
  close(): number {
    if (this.other !== null) this.kept.push(this.other);
    return this.folded;
  }
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
