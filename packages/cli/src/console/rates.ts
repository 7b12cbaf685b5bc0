import { type AnyRow, numberField, progressCount, type TabId } from './rows.js';

/** Rates are measured over at least this long, so that a fast feed does not make them jumpy. */
const MIN_WINDOW_MS = 900;

interface Base {
  elapsedMs: number;
  counts: Map<number, number>;
}

/**
 * Per-row rates (messages, items or calls per second) from successive snapshots: the difference of the
 * exact counters over the host's own clock (`elapsedMs`), so rates are right whatever the refresh interval.
 */
export class RateTracker {
  private base: Base | null = null;
  private rates = new Map<number, number>();

  constructor(private readonly tab: TabId) {}

  /** Takes a new snapshot's rows; returns the rates, refreshed once the window has passed. */
  update(rows: readonly AnyRow[], elapsedMs: number): Map<number, number> {
    const counts = new Map<number, number>();
    const created = new Map<number, number>();
    for (const row of rows) {
      const count = progressCount(this.tab, row);
      if (count !== null) counts.set(row.id, count);
      const createdMs = numberField(row, 'createdMs');
      if (createdMs !== null) created.set(row.id, createdMs);
    }
    if (this.base === null || elapsedMs < this.base.elapsedMs) {
      this.base = { elapsedMs, counts };
      return this.rates;
    }
    const windowMs = elapsedMs - this.base.elapsedMs;
    if (windowMs < MIN_WINDOW_MS) return this.rates;
    const rates = new Map<number, number>();
    for (const [id, count] of counts) {
      let before = this.base.counts.get(id);
      // A row first seen now counts from 0 if it was created in the window; otherwise (a summary row that
      // just appeared) there is nothing to compare with yet.
      if (before === undefined && (created.get(id) ?? -1) >= this.base.elapsedMs) before = 0;
      if (before !== undefined) rates.set(id, Math.max(0, ((count - before) * 1000) / windowMs));
    }
    this.base = { elapsedMs, counts };
    this.rates = rates;
    return rates;
  }
}
