import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { applyChanges, DeltaEncoder } from '../../src/record/format.ts';
import { readRecording } from '../../src/record/read.ts';
import type { Snapshot } from '../../src/types.ts';

function channel(id: number, sent: number, extra: Record<string, unknown> = {}) {
  return { id, label: `c${id}`, sent, received: sent, ...extra };
}

function snapshot(elapsedMs: number, channels: unknown[], extra: Record<string, unknown> = {}): Snapshot {
  return {
    schemaVersion: 1,
    pid: 42,
    elapsedMs,
    channels,
    streams: [],
    futures: [],
    faults: 0,
    sites: { channels: channels.slice(0, 1), streams: [] },
    ...extra,
  } as Snapshot;
}

const sequence: Snapshot[] = [
  snapshot(0, [channel(1, 0)]),
  snapshot(100, [channel(1, 5), channel(2, 0)]),
  // Nothing changes but the time.
  snapshot(200, [channel(1, 5), channel(2, 0)]),
  // A worker's row with the same id as a main-thread row; runtime appears.
  snapshot(300, [channel(1, 9), channel(2, 1), channel(2, 7, { threadId: 1 })], { runtime: { x: 1 } }),
  // Reordered, one removed, runtime gone, faults counted.
  snapshot(400, [channel(2, 3, { threadId: 1 }), channel(1, 9)], { faults: 2 }),
  snapshot(500, [], { faults: 2 }),
];

test('deltas applied in turn rebuild every snapshot exactly', () => {
  const encoder = new DeltaEncoder();
  encoder.reset(sequence[0]!);
  let rebuilt = sequence[0]!;
  for (const next of sequence.slice(1)) {
    const changes = encoder.changes(next);
    rebuilt = applyChanges(rebuilt, changes);
    assert.deepEqual(rebuilt, next);
  }
});

test('a delta carries only the rows that changed, and no row list when none did', () => {
  const encoder = new DeltaEncoder();
  encoder.reset(sequence[1]!);
  assert.deepEqual(encoder.changes(sequence[2]!), { set: { elapsedMs: 200 } });
  const changes = encoder.changes(sequence[3]!);
  assert.deepEqual(
    changes.lists?.channels?.rows.map((row) => (row as { sent: number }).sent),
    [9, 1, 7],
  );
  assert.deepEqual(changes.lists?.channels?.keys, ['1', '2', '1:2']);
});

/** A recording's bytes: each line its own gzip member, as the recorder writes them. */
function recordingBytes(lines: object[]): Buffer {
  return Buffer.concat(lines.map((line) => gzipSync(`${JSON.stringify(line)}\n`)));
}

const header = {
  type: 'header',
  format: 'hotpath-recording',
  version: 1,
  pid: 42,
  argv: [],
  startTime: '2026-01-01T00:00:00.000Z',
  intervalMs: 100,
  keyframeEvery: 3,
  logsLimit: 2,
  maxBytes: 1e6,
  node: 'v20',
};

function frames(): object[] {
  const encoder = new DeltaEncoder();
  return sequence.map((snap, tick) => {
    if (tick % 3 === 0) {
      encoder.reset(snap);
      return { type: 'frame', tick, atMs: snap.elapsedMs, key: true, snapshot: snap };
    }
    return { type: 'frame', tick, atMs: snap.elapsedMs, changes: encoder.changes(snap) };
  });
}

test('a recording reads back every frame from its keyframes, in any order', () => {
  const recording = readRecording(recordingBytes([header, ...frames()]));
  assert.equal(recording.frames.length, sequence.length);
  assert.equal(recording.durationMs, 500);
  for (const index of [5, 1, 4, 2, 0, 3]) assert.deepEqual(recording.snapshotAt(index), sequence[index]);
  assert.equal(recording.indexAt(250), 2);
  assert.equal(recording.indexAt(10_000), 5);
});

test('a file cut inside its last member reads up to the frame before', () => {
  const whole = recordingBytes([header, ...frames()]);
  const recording = readRecording(whole.subarray(0, whole.length - 20));
  assert.equal(recording.frames.length, sequence.length - 1);
  assert.equal(recording.truncated, true);
  assert.deepEqual(recording.lastSnapshot(), sequence.at(-2));
});

test('logs as of a frame: the newest first, at most the logs limit; calls as they last were', () => {
  const lines = frames() as { details?: unknown }[];
  lines[1]!.details = [{ kind: 'channels', id: 1, entries: { sentLogs: [{ index: 1 }, { index: 2 }] } }];
  lines[2]!.details = [
    { kind: 'channels', id: 1, entries: { sentLogs: [{ index: 3 }] } },
    { kind: 'futures', id: 4, entries: { calls: [{ id: 1, state: 'pending' }] } },
  ];
  lines[3]!.details = [{ kind: 'futures', id: 4, entries: { calls: [{ id: 1, state: 'resolved' }] } }];
  const recording = readRecording(recordingBytes([header, ...lines]));
  assert.deepEqual(recording.detailAt('channels', 1, 0), { id: 1, sentLogs: [], receivedLogs: [] });
  assert.deepEqual(recording.detailAt('channels', 1, 1).sentLogs, [{ index: 2 }, { index: 1 }]);
  assert.deepEqual(recording.detailAt('channels', 1, 4).sentLogs, [{ index: 3 }, { index: 2 }]);
  assert.deepEqual(recording.detailAt('futures', 4, 2).calls, [{ id: 1, state: 'pending' }]);
  assert.deepEqual(recording.detailAt('futures', 4, 5).calls, [{ id: 1, state: 'resolved' }]);
});

test('bytes that are no recording: an error saying what was expected', () => {
  assert.throws(() => readRecording(gzipSync('{"hello":1}\n')), /not a hotpath recording/);
  assert.throws(
    () => readRecording(Buffer.from('hello')),
    /neither a hotpath recording .* nor a JSON report/,
  );
  assert.throws(() => readRecording(recordingBytes([header])), /no complete frame/);
});
