import { currentLints } from '../lints/live.js';
import {
  runtimeStats,
  workerChannelRows,
  workerChannelSiteRows,
  workerFaults,
  workerFutureRows,
  workerLints,
  workerStreamRows,
  workerStreamSiteRows,
} from '../runtime/main-thread.js';
import type { Lint, Snapshot } from '../types.js';
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

/**
 * Everything monitored, as of now. The server serves exactly this; reports print it. Rows that worker
 * threads published follow the main thread's, each with its `threadId`: instance rows and site rows alike.
 */
export function takeSnapshot(by: RowsBy = 'instance'): Snapshot {
  const sites = by === 'site';
  const runtime = shielded(runtimeStats, undefined);
  return {
    schemaVersion: 1,
    pid: process.pid,
    elapsedMs: Math.round(nowMs() * 1000) / 1000,
    channels: focused(
      sites
        ? shielded(allChannelSiteRows, [])
        : shielded(() => [...channelRegistry.rows(), ...workerChannelRows()], []),
    ),
    streams: focused(
      sites ? shielded(allStreamSiteRows, []) : shielded(() => [...streamRows(), ...workerStreamRows()], []),
    ),
    futures: focused(shielded(() => [...futureRows(), ...workerFutureRows()], [])),
    functions: focused(shielded(functionRows, [])),
    gauges: focused(shielded(gaugeRows, [])),
    faults: faultCount() + shielded(workerFaults, 0),
    lints: allLints(by),
    ...(sites ? { by: 'site' as const } : {}),
    ...(runtime === undefined ? {} : { runtime }),
  };
}

/** The main thread's lints, then each live worker's: `rowId`s as the rows of the same snapshot list them. */
export function allLints(by: RowsBy): Lint[] {
  return [...shielded(() => currentLints(by), []), ...shielded(() => workerLints(by), [])];
}

/** The instance rows and, beside them, the site rows (what JSON reports carry). */
export function takeSnapshotWithSites(): Snapshot {
  return {
    ...takeSnapshot('instance'),
    sites: {
      channels: focused(shielded(allChannelSiteRows, [])),
      streams: focused(shielded(allStreamSiteRows, [])),
    },
  };
}

/** Site rows of the main thread, then each worker's (a worker's sites stay its own rows). */
function allChannelSiteRows() {
  return [...channelSiteRows(), ...workerChannelSiteRows()];
}

function allStreamSiteRows() {
  return [...streamSiteRows(), ...workerStreamSiteRows()];
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
    lints: [],
  };
}
