import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import { RecentRing } from '../registry/recent-ring.js';
import type { Stall } from '../types.js';

/** How often the watch timer asks to run; a stall is measured to within this much. */
export const TICK_MS = 40;
/** Lateness at or above this is a stall worth listing. */
export const STALL_MS = 100;
const STALLS_KEPT = 50;

/**
 * Measures event-loop delay with one unref'd interval timer that records how late it runs. The lateness
 * of a timer *is* the loop delay, so the percentiles and the stall list come from one source and agree:
 * a stall always shows in `delayMaxMs` too. A loop blocked for B ms is seen as at least B − TICK_MS.
 * (`monitorEventLoopDelay` measures the same thing natively but cannot say *when* the delay happened.)
 */
export class LoopDelayWatch {
  /** Since the watch started, in nanoseconds (histograms keep integers). */
  private readonly total: RecordableHistogram = createHistogram();
  /** Since the last `takeInterval()`. */
  private interval: RecordableHistogram = createHistogram();
  private readonly stalls: RecentRing<Stall> | null;
  private stallCount = 0;
  private last = performance.now();
  /** The process's CPU time (user + system, µs) at the last tick; read only when stalls are tracked. */
  private lastCpuUs = 0;
  /** This thread's loop busy time (ms, from its event-loop utilisation) at the last tick; likewise. */
  private lastActiveMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: () => number,
    trackStalls: boolean,
  ) {
    this.stalls = trackStalls ? new RecentRing<Stall>(STALLS_KEPT) : null;
  }

  start(): void {
    if (this.timer !== null) return;
    this.last = performance.now();
    if (this.stalls !== null) {
      this.lastCpuUs = cpuUs();
      this.lastActiveMs = performance.eventLoopUtilization().active;
    }
    this.timer = setInterval(() => this.tick(), TICK_MS).unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const now = performance.now();
    const lateMs = Math.max(0, now - this.last - TICK_MS);
    this.last = now;
    const ns = Math.max(1, Math.round(lateMs * 1e6));
    this.interval.record(ns);
    if (this.stalls === null) return;
    // Over the same interval, the process's CPU time and this thread's busy time: a loop the program
    // blocks burns both; a thread the OS did not run while it waited for events (a busy machine) counts
    // idle, and a process it did not run at all (SIGSTOP) burns no CPU. Other threads' CPU (a worker
    // spinning) is in the first but not the second. Two cheap reads per tick, nothing kept.
    const cpu = cpuUs();
    const cpuMs = (cpu - this.lastCpuUs) / 1000;
    this.lastCpuUs = cpu;
    const active = performance.eventLoopUtilization().active;
    const activeMs = active - this.lastActiveMs;
    this.lastActiveMs = active;
    if (lateMs >= STALL_MS) {
      this.stallCount++;
      const atMs = this.clock() - lateMs;
      this.stalls.push({
        atMs: round(atMs),
        durationMs: round(lateMs),
        cpuMs: round(cpuMs),
        activeMs: round(activeMs),
      });
    }
  }

  /** The p99 of the interval just ended (null when no tick ran), folded into the running totals. */
  takeInterval(): number | null {
    const ended = this.interval;
    this.interval = createHistogram();
    if (ended.count === 0) return null;
    this.total.add(ended);
    return round(ended.percentile(99) / 1e6);
  }

  /** Percentiles since the start, including the interval still open. */
  summary(): { delayP50Ms: number | null; delayP99Ms: number | null; delayMaxMs: number | null } {
    if (this.total.count + this.interval.count === 0)
      return { delayP50Ms: null, delayP99Ms: null, delayMaxMs: null };
    const all = createHistogram();
    all.add(this.total);
    all.add(this.interval);
    return {
      delayP50Ms: round(all.percentile(50) / 1e6),
      delayP99Ms: round(all.percentile(99) / 1e6),
      delayMaxMs: round(all.max / 1e6),
    };
  }

  stallList(): Stall[] {
    return this.stalls === null ? [] : this.stalls.toArray().reverse();
  }

  stallsSeen(): number {
    return this.stallCount;
  }
}

function cpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
