import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readRecording } from 'hotpath/recording';
import { ReplaySource } from '../../src/replay/source.ts';
import { channelRow } from '../helpers/canned.ts';

/** A recording of 11 frames, 100 ms apart, of one channel site that sends 10 more each frame. */
function recording() {
  const header = {
    type: 'header',
    format: 'hotpath-recording',
    version: 1,
    pid: 7,
    argv: [],
    startTime: '2026-01-01T00:00:00.000Z',
    intervalMs: 100,
    keyframeEvery: 30,
    logsLimit: 50,
    maxBytes: 1e6,
    node: 'v20',
  };
  const frames = Array.from({ length: 11 }, (_, tick) => {
    const row = channelRow({ id: 1, label: 'jobs', sent: tick * 10 });
    const snapshot = {
      schemaVersion: 1,
      pid: 7,
      elapsedMs: 50 + tick * 100,
      channels: [{ ...row, id: 9 }],
      streams: [],
      futures: [],
      faults: 0,
      sites: { channels: [{ ...row, active: 1, states: { active: 1 } }], streams: [] },
    };
    return {
      type: 'frame',
      tick,
      atMs: snapshot.elapsedMs,
      key: true,
      snapshot,
      ...(tick === 3
        ? { details: [{ kind: 'channels', id: 1, entries: { sentLogs: [{ index: 30 }] } }] }
        : {}),
    };
  });
  return readRecording(
    Buffer.concat([header, ...frames].map((line) => gzipSync(`${JSON.stringify(line)}\n`))),
  );
}

function setup(speed = 1) {
  let now = 1000;
  const source = new ReplaySource(recording(), 'run.gz', { speed, now: () => now });
  const sent = () => source.current().snapshot!.channels[0]!.sent;
  const wait = (ms: number) => {
    now += ms;
    source.advance();
  };
  return { source, sent, wait };
}

test('playback shows site rows and moves with the clock times the speed, then stops at the end', () => {
  const { source, sent, wait } = setup(2);
  const shown = source.current().snapshot!;
  assert.equal(shown.by, 'site');
  assert.equal(shown.channels[0]!.id, 1, 'the site row, not the instance');
  assert.equal(sent(), 0);
  wait(100);
  assert.equal(sent(), 20, '100 ms at 2× is two frames');
  wait(10_000);
  assert.equal(sent(), 100);
  assert.deepEqual(
    { ...source.position(), playing: source.position().playing },
    { timeMs: 1000, durationMs: 1000, frame: 10, frames: 11, speed: 2, playing: false },
  );
});

test('pause holds the frame; steps move one frame and pause; speed halves and doubles; seek jumps', () => {
  const { source, sent, wait } = setup();
  let notified = 0;
  source.subscribe(() => notified++);
  source.togglePlay();
  assert.equal(source.position().playing, false);
  wait(500);
  assert.equal(sent(), 0, 'paused: nothing moves');
  source.step(1);
  source.step(1);
  assert.equal(sent(), 20);
  source.step(-1);
  assert.equal(sent(), 10);
  source.step(-5);
  assert.equal(sent(), 0, 'not before the first frame');
  source.changeSpeed(1);
  assert.equal(source.position().speed, 2);
  for (let i = 0; i < 12; i++) source.changeSpeed(-1);
  assert.equal(source.position().speed, 1 / 16, 'at least 1/16×');
  source.seek(650);
  assert.equal(sent(), 60);
  assert.ok(notified >= 6, 'every key redraws');
  // Playing again goes on from the shown frame.
  source.changeSpeed(1);
  source.changeSpeed(1);
  source.changeSpeed(1);
  source.changeSpeed(1);
  source.togglePlay();
  wait(100);
  assert.equal(sent(), 70);
});

test('logs as of the shown frame; instances are not in a recording', async () => {
  const { source } = setup();
  source.togglePlay();
  assert.deepEqual(await source.fetchDetail('channels', 1), { id: 1, sentLogs: [], receivedLogs: [] });
  source.seek(300);
  assert.deepEqual(await source.fetchDetail('channels', 1), {
    id: 1,
    sentLogs: [{ index: 30 }],
    receivedLogs: [],
  });
  await assert.rejects(source.fetchInstances(), /instances are not in it/);
});
