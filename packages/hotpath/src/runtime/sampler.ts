import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { nowMs } from '../registry/clock.js';
import { recordFault, shielded } from '../registry/faults.js';
import type { EventLoopStats, HeapStats } from '../types.js';
import { GcWatch } from './gc-watch.js';
import { MinuteHistory } from './history.js';
import { LoopDelayWatch } from './loop-delay.js';

/**
 * Samples the thread it runs on: loop delay (continuously), and once per interval the loop utilisation
 * and the minute histories. Everything runs on unref'd timers and is shielded: a fault is counted, never
 * thrown, and the process ends exactly when it would have without it.
 */
export class ThreadSampler {
  readonly loop: LoopDelayWatch;
  readonly gc = new GcWatch();
  readonly utilizationHistory: MinuteHistory<number>;
  readonly delayP99History: MinuteHistory<number | null>;
  private lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  private utilization = 0;
  private ticked = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly intervalMs: number,
    trackStalls: boolean,
    private readonly afterTick: () => void = () => {},
  ) {
    this.loop = new LoopDelayWatch(nowMs, trackStalls);
    this.utilizationHistory = new MinuteHistory(intervalMs);
    this.delayP99History = new MinuteHistory(intervalMs);
  }

  start(): void {
    if (this.timer !== null) return;
    this.loop.start();
    this.gc.start(recordFault);
    this.lastElu = performance.eventLoopUtilization();
    this.timer = setInterval(() => shielded(() => this.tick(), undefined), this.intervalMs).unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.loop.stop();
    this.gc.stop();
  }

  running(): boolean {
    return this.timer !== null;
  }

  private tick(): void {
    const now = performance.eventLoopUtilization();
    this.utilization = round(performance.eventLoopUtilization(now, this.lastElu).utilization);
    this.lastElu = now;
    this.ticked = true;
    this.utilizationHistory.push(this.utilization);
    this.delayP99History.push(this.loop.takeInterval());
    this.afterTick();
  }

  eventLoop(): EventLoopStats {
    // Before the first interval ends, the share so far rather than a zero that means nothing.
    const utilization = this.ticked
      ? this.utilization
      : round(performance.eventLoopUtilization(performance.eventLoopUtilization(), this.lastElu).utilization);
    return { ...this.loop.summary(), utilization };
  }
}

export function heapStats(): HeapStats {
  const heap = getHeapStatistics();
  return {
    usedBytes: heap.used_heap_size,
    totalBytes: heap.total_heap_size,
    limitBytes: heap.heap_size_limit,
  };
}

export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
