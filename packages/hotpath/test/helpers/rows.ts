/**
 * Rows and snapshots as the server serves them, with plain defaults: the input of tests that need a
 * snapshot without a program behind it (exporters here, the console in @hotpath/cli).
 */
import type { ChannelRow, FunctionRow, FutureRow, GaugeRow, Snapshot, StreamRow } from '../../src/types.ts';

let nextId = 100;

export function channelRow(fields: Partial<ChannelRow> & Record<string, unknown>): ChannelRow {
  const id = fields.id ?? nextId++;
  return {
    id,
    label: `app/queue.ts:${id}`,
    source: `app/queue.ts:${id}`,
    hasCustomLabel: false,
    instances: 1,
    kind: 'hotpath',
    type: 'bounded[10]',
    capacity: 10,
    state: 'active',
    sent: 0,
    received: 0,
    queued: 0,
    queuedBytes: null,
    delay: null,
    createdMs: 0,
    ...fields,
  };
}

export function streamRow(fields: Partial<StreamRow> & Record<string, unknown>): StreamRow {
  const id = fields.id ?? nextId++;
  return {
    id,
    label: `app/stream.ts:${id}`,
    source: null,
    hasCustomLabel: false,
    instances: 1,
    kind: 'async-iterable',
    state: 'active',
    yielded: 0,
    createdMs: 0,
    firstItemMs: null,
    itemsPerSecond: null,
    consumerWaitMs: null,
    producerWaitMs: null,
    ...fields,
  };
}

export function futureRow(fields: Partial<FutureRow> & Record<string, unknown>): FutureRow {
  const id = fields.id ?? nextId++;
  return {
    id,
    kind: 'future',
    label: `app/work.ts:${id}`,
    source: null,
    hasCustomLabel: false,
    instances: 1,
    calls: 0,
    pending: 0,
    resolved: 0,
    rejected: 0,
    cancelled: 0,
    duration: null,
    ...fields,
  };
}

export function functionRow(fields: Partial<FunctionRow>): FunctionRow {
  const id = fields.id ?? nextId++;
  return {
    id,
    label: `app/work.ts:${id} work`,
    source: `app/work.ts:${id}`,
    hasCustomLabel: false,
    kind: 'function',
    calls: 0,
    errors: 0,
    pending: 0,
    async: false,
    samples: 0,
    totalMs: null,
    meanMs: null,
    p50Ms: null,
    p95Ms: null,
    p99Ms: null,
    maxMs: null,
    percentOfWall: null,
    exclusive: false,
    ...fields,
  };
}

export function gaugeRow(fields: Partial<GaugeRow>): GaugeRow {
  const id = fields.id ?? nextId++;
  return {
    id,
    label: `gauge-${id}`,
    source: null,
    kind: 'gauge',
    updates: 0,
    value: null,
    message: null,
    min: null,
    max: null,
    updatedMs: null,
    history: [],
    ...fields,
  };
}

export function snapshot(fields: Partial<Snapshot> = {}): Snapshot {
  return {
    schemaVersion: 1,
    pid: 4242,
    elapsedMs: 10_000,
    channels: [],
    streams: [],
    futures: [],
    faults: 0,
    ...fields,
  };
}
