/**
 * What the page remembers between snapshots: each row's rate (from the change in its count over the
 * server's clock), and a ring of the last minutes of rate, queue depth and p95 per row for the charts.
 * Bounded: rings for at most `MAX_TRACKED` rows per tab, each `HISTORY_POINTS` long.
 */
import type { Snapshot } from '../../src/types.js';
import { type AnyRow, nestedNumber, numberField, progressCount, type RowTab, rowsOf } from './rows.js';

/** Five minutes at one snapshot a second. */
export const HISTORY_POINTS = 300;
export const MAX_TRACKED = 2000;

export interface Series {
  key: 'rate' | 'depth' | 'p95';
  title: string;
  unit: string;
}

/** What a tab's charts show: rate always; queue depth (or pending) and p95 where the rows have them. */
export const SERIES: Record<RowTab, Series[]> = {
  channels: [
    { key: 'rate', title: 'Rate (sent/s)', unit: '/s' },
    { key: 'depth', title: 'Queue depth', unit: '' },
    { key: 'p95', title: 'Delay p95', unit: 'ms' },
  ],
  streams: [{ key: 'rate', title: 'Rate (items/s)', unit: '/s' }],
  futures: [
    { key: 'rate', title: 'Rate (calls/s)', unit: '/s' },
    { key: 'depth', title: 'Pending', unit: '' },
    { key: 'p95', title: 'Duration p95', unit: 'ms' },
  ],
  functions: [
    { key: 'rate', title: 'Rate (calls/s)', unit: '/s' },
    { key: 'p95', title: 'Duration p95', unit: 'ms' },
  ],
  gauges: [
    { key: 'rate', title: 'Updates/s', unit: '/s' },
    { key: 'depth', title: 'Value', unit: '' },
  ],
};

function depthOf(tab: RowTab, row: AnyRow): number | null {
  if (tab === 'channels') return numberField(row, 'queued');
  if (tab === 'futures') return numberField(row, 'pending');
  if (tab === 'gauges') return numberField(row, 'value');
  return null;
}

function p95Of(tab: RowTab, row: AnyRow): number | null {
  if (tab === 'channels') return nestedNumber(row, 'delay', 'p95Ms');
  if (tab === 'futures') return nestedNumber(row, 'duration', 'p95Ms');
  if (tab === 'functions') return numberField(row, 'p95Ms');
  return null;
}

/** A fixed-size ring of (time, rate, depth, p95); NaN marks "unknown" (uPlot draws a gap). */
export class Ring {
  readonly t = new Float64Array(HISTORY_POINTS);
  readonly rate = new Float64Array(HISTORY_POINTS);
  readonly depth = new Float64Array(HISTORY_POINTS);
  readonly p95 = new Float64Array(HISTORY_POINTS);
  private next = 0;
  size = 0;

  add(t: number, rate: number | null, depth: number | null, p95: number | null): void {
    const i = this.next;
    this.t[i] = t;
    this.rate[i] = rate ?? Number.NaN;
    this.depth[i] = depth ?? Number.NaN;
    this.p95[i] = p95 ?? Number.NaN;
    this.next = (i + 1) % HISTORY_POINTS;
    this.size = Math.min(HISTORY_POINTS, this.size + 1);
  }

  /** Oldest first, as uPlot wants: `[times in seconds, values]`; unknowns as null. */
  series(key: Series['key']): [number[], (number | null)[]] {
    const source = this[key];
    const times: number[] = [];
    const values: (number | null)[] = [];
    const start = (this.next - this.size + HISTORY_POINTS) % HISTORY_POINTS;
    for (let k = 0; k < this.size; k++) {
      const i = (start + k) % HISTORY_POINTS;
      times.push(this.t[i]!);
      const v = source[i]!;
      values.push(Number.isNaN(v) ? null : v);
    }
    return [times, values];
  }
}

interface TabMemory {
  /** Last count and server time per row id, for the rate. */
  last: Map<number, { count: number; atMs: number }>;
  rates: Map<number, number>;
  rings: Map<number, Ring>;
}

export class History {
  private readonly tabs = new Map<RowTab, TabMemory>();

  /** Takes in one snapshot: rates from the change since the previous one, one ring point per tracked row. */
  record(snapshot: Snapshot, wallMs: number, selected: { tab: RowTab; id: number } | null): void {
    for (const tab of Object.keys(SERIES) as RowTab[]) {
      const memory = this.memory(tab);
      const rows = rowsOf(snapshot, tab);
      const seen = new Set<number>();
      const rates = new Map<number, number>();
      for (const row of rows) {
        seen.add(row.id);
        const count = progressCount(tab, row);
        const previous = memory.last.get(row.id);
        let rate: number | null = null;
        if (count !== null) {
          if (previous !== undefined && snapshot.elapsedMs > previous.atMs) {
            rate = Math.max(0, ((count - previous.count) * 1000) / (snapshot.elapsedMs - previous.atMs));
          }
          memory.last.set(row.id, { count, atMs: snapshot.elapsedMs });
        }
        if (rate !== null) rates.set(row.id, rate);
        let ring = memory.rings.get(row.id);
        const isSelected = selected !== null && selected.tab === tab && selected.id === row.id;
        if (ring === undefined && (memory.rings.size < MAX_TRACKED || isSelected)) {
          ring = new Ring();
          memory.rings.set(row.id, ring);
        }
        ring?.add(wallMs / 1000, rate, depthOf(tab, row), p95Of(tab, row));
      }
      // Rows gone from the snapshot are forgotten, so that memory follows what is listed.
      for (const id of memory.last.keys()) if (!seen.has(id)) memory.last.delete(id);
      for (const id of memory.rings.keys()) if (!seen.has(id)) memory.rings.delete(id);
      memory.rates = rates;
    }
  }

  rates(tab: RowTab): Map<number, number> {
    return this.memory(tab).rates;
  }

  ring(tab: RowTab, id: number): Ring | undefined {
    return this.memory(tab).rings.get(id);
  }

  private memory(tab: RowTab): TabMemory {
    let memory = this.tabs.get(tab);
    if (memory === undefined) {
      memory = { last: new Map(), rates: new Map(), rings: new Map() };
      this.tabs.set(tab, memory);
    }
    return memory;
  }
}
