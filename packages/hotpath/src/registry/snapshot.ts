import type { Snapshot } from '../types.js';
import { channelRegistry, channelSiteRows } from './channels.js';
import { nowMs } from './clock.js';
import { faultCount, shielded } from './faults.js';
import { focused } from './focus.js';
import { functionRows } from './functions.js';
import { futureRows } from './futures.js';
import { gaugeRows } from './gauges.js';
import { streamRows, streamSiteRows } from './streams.js';

/** Which rows `channels` and `streams` hold: one per instance still held, or one per site. */
export type RowsBy = 'instance' | 'site';

/** Everything monitored, as of now. The server serves exactly this; reports print it. */
export function takeSnapshot(by: RowsBy = 'instance'): Snapshot {
  const sites = by === 'site';
  return {
    schemaVersion: 1,
    pid: process.pid,
    elapsedMs: Math.round(nowMs() * 1000) / 1000,
    channels: focused(sites ? shielded(channelSiteRows, []) : shielded(() => channelRegistry.rows(), [])),
    streams: focused(sites ? shielded(streamSiteRows, []) : shielded(streamRows, [])),
    futures: focused(shielded(futureRows, [])),
    functions: focused(shielded(functionRows, [])),
    gauges: focused(shielded(gaugeRows, [])),
    faults: faultCount(),
    ...(sites ? { by: 'site' as const } : {}),
  };
}

/** The instance rows and, beside them, the site rows (what JSON reports carry). */
export function takeSnapshotWithSites(): Snapshot {
  return {
    ...takeSnapshot('instance'),
    sites: {
      channels: focused(shielded(channelSiteRows, [])),
      streams: focused(shielded(streamSiteRows, [])),
    },
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
