import type { Snapshot } from '../types.js';
import { channelRegistry } from './channels.js';
import { nowMs } from './clock.js';
import { faultCount, shielded } from './faults.js';
import { futureRows } from './futures.js';
import { streamRows } from './streams.js';

/** Everything monitored, as of now. The server serves exactly this; reports print it. */
export function takeSnapshot(): Snapshot {
  return {
    schemaVersion: 1,
    pid: process.pid,
    elapsedMs: Math.round(nowMs() * 1000) / 1000,
    channels: shielded(() => channelRegistry.rows(), []),
    streams: shielded(streamRows, []),
    futures: shielded(futureRows, []),
    faults: faultCount(),
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
