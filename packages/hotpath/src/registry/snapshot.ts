import type { Snapshot } from '../types.js';
import { channelRegistry } from './channels.js';
import { nowMs } from './clock.js';
import { faultCount, shielded } from './faults.js';
import { focused } from './focus.js';
import { functionRows } from './functions.js';
import { futureRows } from './futures.js';
import { gaugeRows } from './gauges.js';
import { streamRows } from './streams.js';

/** Everything monitored, as of now. The server serves exactly this; reports print it. */
export function takeSnapshot(): Snapshot {
  return {
    schemaVersion: 1,
    pid: process.pid,
    elapsedMs: Math.round(nowMs() * 1000) / 1000,
    channels: focused(shielded(() => channelRegistry.rows(), [])),
    streams: focused(shielded(streamRows, [])),
    futures: focused(shielded(futureRows, [])),
    functions: focused(shielded(functionRows, [])),
    gauges: focused(shielded(gaugeRows, [])),
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
    functions: [],
    gauges: [],
    faults: 0,
  };
}
