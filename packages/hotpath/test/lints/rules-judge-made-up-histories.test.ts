/**
 * The lint rules judged on histories made up sample by sample, with the clock injected: each rule
 * raised on the unhealthy history and silent on its healthy counterpart, whatever the machine's speed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { channelFull, consumerStalled, queueGrowing } from '../../src/lints/rules.ts';
import { CHANNEL, HISTORY_SAMPLES, Series, TickClock } from '../../src/registry/history.ts';

const INTERVAL = 1000;

/** A channel history, one sample a second from t = 1 s: [queued, sent, received, full] per sample. */
function history(samples: [number, number, number, number][]): { series: Series; now: number } {
  const clock = new TickClock(INTERVAL);
  const series = new Series(CHANNEL.FIELDS, clock);
  let now = 0;
  for (const [queued, sent, received, full] of samples) {
    now += INTERVAL;
    const at = series.open(clock.tick(now));
    series.buffer[at + CHANNEL.QUEUED] = queued;
    series.buffer[at + CHANNEL.SENT] = sent;
    series.buffer[at + CHANNEL.RECEIVED] = received;
    series.buffer[at + CHANNEL.FULL] = full;
  }
  return { series, now };
}

const repeat = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('channel-full (full in ≥ 80 % of the window)', () => {
  test('raised on a channel full in 10 of the last 11 samples, since its first full sample', () => {
    const { series, now } = history([
      ...repeat(5, () => [1, 5, 5, 0] as const),
      [8, 5, 4, 0],
      ...repeat(10, () => [8, 3, 3, 1] as const),
    ] as never);
    assert.equal(channelFull(series, CHANNEL.FULL, now, 10_000), 7000);
  });

  test('silent when full 7 samples in 10 (a bursty consumer that keeps up)', () => {
    const samples = repeat(20, (i) => [4, 10, 10, i % 10 < 7 ? 1 : 0] as [number, number, number, number]);
    const { series, now } = history(samples);
    assert.equal(channelFull(series, CHANNEL.FULL, now, 10_000), null);
  });

  test('warm-up: silent while the history is shorter than the window, however full', () => {
    const { series, now } = history(repeat(9, () => [8, 3, 3, 1]));
    assert.equal(channelFull(series, CHANNEL.FULL, now, 10_000), null);
    const longer = history(repeat(11, () => [8, 3, 3, 1]));
    assert.notEqual(channelFull(longer.series, CHANNEL.FULL, longer.now, 10_000), null);
  });
});

describe('consumer-stalled (items queued, nothing received)', () => {
  test('raised after 5 s of queued items and no receive, measured from the first stalled sample', () => {
    const { series, now } = history([
      ...repeat(5, () => [2, 1, 1, 0] as [number, number, number, number]),
      ...repeat(6, () => [3, 0, 0, 0] as [number, number, number, number]),
    ]);
    // Stalled samples at 6..11 s: 5 s from the first one.
    assert.equal(consumerStalled(series, CHANNEL.QUEUED, CHANNEL.RECEIVED, now, 5000), 6000);
    assert.equal(consumerStalled(series, CHANNEL.QUEUED, CHANNEL.RECEIVED, now, 5001), null);
  });

  test('silent for a slow consumer that takes one item each interval, however deep the queue', () => {
    const { series, now } = history(repeat(30, (i) => [50 + i, 2, 1, 0]));
    assert.equal(consumerStalled(series, CHANNEL.QUEUED, CHANNEL.RECEIVED, now, 5000), null);
  });

  test('silent for an idle channel: nothing queued is nothing waiting', () => {
    const { series, now } = history(repeat(30, () => [0, 0, 0, 0]));
    assert.equal(consumerStalled(series, CHANNEL.QUEUED, CHANNEL.RECEIVED, now, 5000), null);
  });

  test('one late tick (a blocked loop) is two samples: never enough on its own', () => {
    const clock = new TickClock(INTERVAL);
    const series = new Series(CHANNEL.FIELDS, clock);
    for (const [t, received] of [
      [1000, 1],
      [2000, 0],
      [9000, 0],
    ] as const) {
      const at = series.open(clock.tick(t));
      series.buffer[at + CHANNEL.QUEUED] = 4;
      series.buffer[at + CHANNEL.RECEIVED] = received;
    }
    assert.equal(consumerStalled(series, CHANNEL.QUEUED, CHANNEL.RECEIVED, 9000, 5000), null);
  });
});

describe('queue-growing (an unbounded queue whose floor keeps rising)', () => {
  test('raised when the low-water mark rises through the window', () => {
    const { series, now } = history(repeat(40, (i) => [i * 3 + (i % 2), 4, 1, 0]));
    assert.notEqual(queueGrowing(series, CHANNEL.QUEUED, now, 30_000), null);
  });

  test('silent for a consumer that drains in bursts: the floor comes back to zero', () => {
    const { series, now } = history(repeat(40, (i) => [(i % 5) * 20, 20, i % 5 === 4 ? 100 : 0, 0]));
    assert.equal(queueGrowing(series, CHANNEL.QUEUED, now, 30_000), null);
  });

  test('silent for a consumer that catches up only every 7 s: each time, the queue empties', () => {
    const { series, now } = history(repeat(60, (i) => [(i % 7) * 10, 10, i % 7 === 6 ? 70 : 0, 0]));
    assert.equal(queueGrowing(series, CHANNEL.QUEUED, now, 30_000), null);
  });

  test('silent for a steady backlog, and before the history covers the window', () => {
    const flat = history(repeat(40, () => [500, 10, 10, 0]));
    assert.equal(queueGrowing(flat.series, CHANNEL.QUEUED, flat.now, 30_000), null);
    const young = history(repeat(20, (i) => [i * 10, 10, 0, 0]));
    assert.equal(queueGrowing(young.series, CHANNEL.QUEUED, young.now, 30_000), null);
  });
});

describe('history ring', () => {
  test('keeps the last 120 samples, oldest first, growing from a few', () => {
    const { series } = history(repeat(300, (i) => [i, 0, 0, 0]));
    assert.equal(series.length, HISTORY_SAMPLES);
    assert.deepEqual(
      series.column(CHANNEL.QUEUED),
      repeat(HISTORY_SAMPLES, (i) => 180 + i),
    );
    assert.equal(series.time(0), 181_000);
  });

  test('rates per second divide by the real time between ticks', () => {
    const clock = new TickClock(1000);
    const series = new Series(CHANNEL.FIELDS, clock);
    for (const [t, sent] of [
      [1000, 10],
      [3000, 30],
      [3500, 40],
    ] as const) {
      const at = series.open(clock.tick(t));
      series.step(at, CHANNEL.SENT, sent);
    }
    // 10 sent in the first interval (taken as the nominal 1 s), then 20 in 2 s, then 10 in half a second.
    assert.deepEqual(series.ratePerSecond(CHANNEL.SENT), [10, 10, 20]);
  });

  test('a row that missed a tick starts again, so samples stay aligned with the clock', () => {
    const clock = new TickClock(1000);
    const series = new Series(1, clock);
    series.open(clock.tick(1000));
    series.open(clock.tick(2000));
    clock.tick(3000);
    series.open(clock.tick(4000));
    assert.equal(series.length, 1);
    assert.equal(series.time(0), 4000);
  });
});
