import { threadId } from 'node:worker_threads';
import { currentLints, startLints, tickLints } from '../lints/live.js';
import { channelRegistry, channelSiteRows } from '../registry/channels.js';
import { nowMs, originEpochMs } from '../registry/clock.js';
import { faultCount, recordFault, shielded } from '../registry/faults.js';
import { futureRows } from '../registry/futures.js';
import { streamRows, streamSiteRows } from '../registry/streams.js';
import { publish } from './bridge.js';
import { heapStats, ThreadSampler } from './sampler.js';

let sampler: ThreadSampler | null = null;

/**
 * In a worker, hotpath serves nobody itself: no server, no exit report. It samples its own loop, keeps
 * its rows' histories and judges their lints on its own tick (the same engine as the main thread's), and
 * publishes its rows and lints to the main thread every interval and once more as the worker exits, so
 * the main thread's snapshot, console and report hold the worker's final counts.
 */
export function startWorkerRuntime(intervalMs: number): void {
  if (sampler !== null) return;
  try {
    startLints(intervalMs);
    sampler = new ThreadSampler(intervalMs, true, () => {
      tickLints(nowMs(), sampler!.loop);
      report(false);
    });
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
      // Lints are about live rows: the last report, at exit, has none.
      lints: final ? [] : currentLints('instance'),
      siteLints: final ? [] : currentLints('site'),
      originEpochMs: originEpochMs(),
    });
  }, undefined);
}
