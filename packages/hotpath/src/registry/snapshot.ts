import {
  runtimeStats,
  workerChannelRows,
  workerFaults,
  workerFutureRows,
  workerStreamRows,
} from '../runtime/main-thread.js';
import type { Snapshot } from '../types.js';
import { channelRegistry } from './channels.js';
import { nowMs } from './clock.js';
import { faultCount, shielded } from './faults.js';
import { futureRows } from './futures.js';
import { streamRows } from './streams.js';

/**
 * Everything monitored, as of now. The server serves exactly this; reports print it. Rows that worker
 * threads published follow the main thread's, each with its `threadId`.
 */
export function takeSnapshot(): Snapshot {
  const runtime = shielded(runtimeStats, undefined);
  return {
    schemaVersion: 1,
    pid: process.pid,
    elapsedMs: Math.round(nowMs() * 1000) / 1000,
    channels: shielded(() => [...channelRegistry.rows(), ...workerChannelRows()], []),
    streams: shielded(() => [...streamRows(), ...workerStreamRows()], []),
    futures: shielded(() => [...futureRows(), ...workerFutureRows()], []),
    faults: faultCount() + shielded(workerFaults, 0),
    ...(runtime === undefined ? {} : { runtime }),
  };
}

export function emptySnapshot(): Snapshot {
  return {
    schemaVersion: 1,
    pid: process.pid,
    elapsedMs: 0,
    channels: [],
    streams: shielded(streamRows, []),
    futures: shielded(futureRows, []),
    faults: 0,
  };
}
