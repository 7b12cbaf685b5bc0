import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import type { GcStats } from '../types.js';

const KIND_NAMES: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** Counts garbage collections and their pause time by kind, from the `gc` performance entries. */
export class GcWatch {
  private observer: PerformanceObserver | null = null;
  private count = 0;
  private totalMs = 0;
  private readonly byKind: Record<string, { count: number; totalMs: number }> = {};

  start(onFault: (error: unknown) => void): void {
    if (this.observer !== null) return;
    this.observer = new PerformanceObserver((list) => {
      try {
        for (const entry of list.getEntries()) this.add(entry);
      } catch (error) {
        onFault(error);
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  private add(entry: PerformanceEntry): void {
    const kind =
      KIND_NAMES[((entry as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? -1] ??
      'other';
    this.count++;
    this.totalMs += entry.duration;
    let slot = this.byKind[kind];
    if (slot === undefined) {
      slot = { count: 0, totalMs: 0 };
      this.byKind[kind] = slot;
    }
    slot.count++;
    slot.totalMs += entry.duration;
  }

  stats(): GcStats {
    const byKind: GcStats['byKind'] = {};
    for (const [kind, slot] of Object.entries(this.byKind))
      byKind[kind] = { count: slot.count, totalMs: round(slot.totalMs) };
    return { count: this.count, totalMs: round(this.totalMs), byKind };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
