import { threadId } from 'node:worker_threads';
import { channelRegistry, channelSiteRows } from '../registry/channels.js';
import { faultCount, recordFault, shielded } from '../registry/faults.js';
import { futureRows } from '../registry/futures.js';
import { streamRows, streamSiteRows } from '../registry/streams.js';
import { publish } from './bridge.js';
import { heapStats, ThreadSampler } from './sampler.js';

let sampler: ThreadSampler | null = null;

/**
 * In a worker, hotpath serves nobody itself: no server, no exit report. It samples its own loop and
 * publishes its rows to the main thread every interval and once more as the worker exits, so the
 * main thread's snapshot, console and report hold the worker's final counts.
 */
export function startWorkerRuntime(intervalMs: number): void {
  if (sampler !== null) return;
  try {
    sampler = new ThreadSampler(intervalMs, false, () => report(false));
    sampler.start();
    process.on('exit', () => report(true));
  } catch (error) {
    recordFault(error);
  }
}

function report(final: boolean): void {
  shielded(() => {
    const own = sampler!;
    publish({
      threadId,
      name: `worker ${threadId}`,
      final,
      channels: channelRegistry.rows(),
      streams: streamRows(),
      futures: futureRows(),
      channelSites: channelSiteRows(),
      streamSites: streamSiteRows(),
      faults: faultCount(),
      eventLoop: own.eventLoop(),
      heap: heapStats(),
      utilizationHistory: own.utilizationHistory.values(),
      delayP99History: own.delayP99History.values(),
    });
  }, undefined);
}
