import type { Worker } from 'node:worker_threads';
import { startLints, tickLints } from '../lints/live.js';
import { nowMs } from '../registry/clock.js';
import { recordFault, shielded } from '../registry/faults.js';
import type {
  ChannelRow,
  ChannelSiteRow,
  FutureRow,
  Lint,
  RuntimeStats,
  StreamRow,
  StreamSiteRow,
} from '../types.js';
import { listen, type WorkerReport } from './bridge.js';
import { heapStats, ThreadSampler } from './sampler.js';
import { WorkerThreads } from './threads.js';

interface MainRuntime {
  sampler: ThreadSampler;
  workers: WorkerThreads;
}

let runtime: MainRuntime | null = null;

/** Starts sampling the main thread and listening to workers. Once; only when monitoring is on. */
export function startMainRuntime(intervalMs: number): void {
  if (runtime !== null) return;
  try {
    const workers = new WorkerThreads(intervalMs);
    startLints(intervalMs);
    // The sampler's tick is the histories' clock too: no timer of their own.
    const sampler = new ThreadSampler(intervalMs, true, () => {
      workers.sample();
      tickLints(nowMs(), sampler.loop);
    });
    workers.start();
    listen((report) => shielded(() => workers.accept(report), undefined));
    sampler.start();
    runtime = { sampler, workers };
  } catch (error) {
    recordFault(error);
  }
}

/**
 * Starts the runtime for a worker announced before it was listening (the one that activated hotpath),
 * with the reports heard from workers meanwhile (see auto/workers.ts), oldest first.
 */
export function startForWorker(
  intervalMs: number,
  worker: Worker,
  heardMeanwhile: Iterable<WorkerReport> = [],
): void {
  startMainRuntime(intervalMs);
  if (runtime === null) return;
  const { workers } = runtime;
  shielded(() => {
    workers.track(worker);
    for (const report of heardMeanwhile) workers.accept(report);
  }, undefined);
}

/** The `runtime` field of the snapshot; undefined until the sampler has started. */
export function runtimeStats(): RuntimeStats | undefined {
  if (runtime === null) return undefined;
  const { sampler, workers } = runtime;
  const memory = process.memoryUsage();
  const eventLoop = sampler.eventLoop();
  return {
    intervalMs: sampler.intervalMs,
    eventLoop,
    heap: heapStats(),
    rssBytes: memory.rss,
    externalBytes: memory.external,
    arrayBuffersBytes: memory.arrayBuffers,
    gc: sampler.gc.stats(),
    stalls: sampler.loop.stallList(),
    stallCount: sampler.loop.stallsSeen(),
    activeResources: countByType(process.getActiveResourcesInfo()),
    threads: [
      {
        threadId: 0,
        name: 'main',
        alive: true,
        monitored: true,
        eventLoop,
        heap: heapStats(),
        utilizationHistory: sampler.utilizationHistory.values(),
        delayP99History: sampler.delayP99History.values(),
      },
      ...workers.stats(),
    ],
  };
}

export function workerChannelRows(): ChannelRow[] {
  return runtime === null ? [] : runtime.workers.rows('channels');
}

export function workerStreamRows(): StreamRow[] {
  return runtime === null ? [] : runtime.workers.rows('streams');
}

export function workerFutureRows(): FutureRow[] {
  return runtime === null ? [] : runtime.workers.rows('futures');
}

export function workerChannelSiteRows(): ChannelSiteRow[] {
  return runtime === null ? [] : runtime.workers.rows('channelSites');
}

export function workerStreamSiteRows(): StreamSiteRow[] {
  return runtime === null ? [] : runtime.workers.rows('streamSites');
}

/** The lints of live workers, with ids as `worker…Rows` list their rows. */
export function workerLints(by: 'instance' | 'site'): Lint[] {
  return runtime === null ? [] : runtime.workers.lints(by);
}

export function workerFaults(): number {
  return runtime === null ? 0 : runtime.workers.faults();
}

/** True once the sampler runs: what the tests of "monitoring off starts nothing" look at. */
export function mainRuntimeRunning(): boolean {
  return runtime?.sampler.running() ?? false;
}

function countByType(names: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}
