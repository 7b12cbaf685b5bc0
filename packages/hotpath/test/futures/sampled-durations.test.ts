import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { wrapFunction } from '../../src/futures/future-fn.ts';
import { futureCalls, futureRegistry, futureRows } from '../../src/registry/futures.ts';

const row = (label: string) => futureRows().find((r) => r.label === label)!;
const calls = (label: string) => futureCalls(row(label).id)!.calls;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('accuracy: sampled durations (pinned)', () => {
  test('counts stay exact; after the first 64 calls about one in 8 is a duration sample', async () => {
    const fn = wrapFunction(async (n: number) => n, { label: 'sampled-fast' }, null);
    for (let n = 0; n < 2000; n++) await fn(n);
    const { calls: total, resolved, pending, duration } = row('sampled-fast');
    assert.deepEqual([total, resolved, pending], [2000, 2000, 0]);
    // 64 + a random eighth of 1,936 (242 expected): far from both "every call" and "none".
    assert.ok(duration!.samples > 64 + 150 && duration!.samples < 64 + 350, String(duration!.samples));
    // Only sampled calls settled within their turn are listed, each with its measured duration.
    const listed = calls('sampled-fast');
    assert.equal(listed.length, 50);
    assert.ok(
      listed.every((call, i) => i === 0 || call.id < listed[i - 1]!.id),
      'newest first',
    );
  });

  test('with log every call is sampled and listed', async () => {
    const fn = wrapFunction(async (n: number) => n, { label: 'sampled-log', log: true }, null);
    for (let n = 0; n < 300; n++) await fn(n);
    assert.equal(row('sampled-log').duration!.samples, 300);
    assert.deepEqual(
      calls('sampled-log')
        .slice(0, 3)
        .map((call) => call.result),
      ['299', '298', '297'],
    );
  });

  test('an unsampled call that outlives its turn is listed, timed, and counts for the max', async () => {
    const fn = wrapFunction((ms: number) => sleep(ms), { label: 'sampled-slow' }, null);
    for (let n = 0; n < 200; n++) await fn(0);
    const before = futureRegistry.pendingCalls(1e6).total;
    const slow = Array.from({ length: 40 }, () => fn(30));
    assert.equal(
      futureRegistry.pendingCalls(1e6).total,
      before + 40,
      'every pending call is in the hang list',
    );
    assert.equal(row('sampled-slow').pending, 40);
    await tick();
    const pendingListed = calls('sampled-slow').filter((call) => call.state === 'pending');
    assert.equal(pendingListed.length, 40, 'listed once their turn ended');
    await Promise.all(slow);
    const listed = calls('sampled-slow').slice(0, 40);
    assert.ok(
      listed.every((call) => call.state === 'resolved' && call.durationMs >= 25),
      JSON.stringify(listed.map((call) => call.durationMs)),
    );
  });

  test('the max includes an unsampled slow call', async () => {
    const fn = wrapFunction((ms: number) => sleep(ms), { label: 'sampled-max' }, null);
    for (let n = 0; n < 200; n++) await fn(0);
    // Timers never fire early: a call sleeping past the max so far can only raise it (load only adds).
    const slowMs = Math.ceil(row('sampled-max').duration!.maxMs) + 50;
    // Sampling is random: repeat until one slow call is not a sample (7 in 8 are not).
    for (let attempt = 0; attempt < 30; attempt++) {
      const samples = row('sampled-max').duration!.samples;
      await fn(slowMs);
      if (row('sampled-max').duration!.samples === samples) {
        assert.ok(
          row('sampled-max').duration!.maxMs >= slowMs - 1,
          String(row('sampled-max').duration!.maxMs),
        );
        return;
      }
    }
    assert.fail('no unsampled call in 30');
  });

  test('an unsampled call starts at a clock reading of its own turn, never an earlier one', async () => {
    const settle: Array<() => void> = [];
    const fn = wrapFunction(
      () => new Promise<void>((resolve) => settle.push(resolve)),
      { label: 'sampled-start' },
      null,
    );
    for (let n = 0; n < 100; n++) void fn();
    await sleep(50);
    // A new turn: its first call reads the clock, and the unsampled ones after it start there.
    const turnStart = Date.now();
    const firstOfTurn = futureRegistry.nextId();
    for (let n = 0; n < 40; n++) void fn();
    const ageLimit = Date.now() - turnStart + 5;
    await tick();
    const listed = calls('sampled-start');
    const earlier = listed.filter((call) => call.id < firstOfTurn);
    const later = listed.filter((call) => call.id >= firstOfTurn);
    assert.equal(later.length, 40, 'every call of the turn outlived it and is listed');
    const earliestLater = Math.min(...later.map((call) => call.startedMs));
    const latestEarlier = Math.max(...earlier.map((call) => call.startedMs));
    assert.ok(earliestLater - latestEarlier >= 40, `${earliestLater} vs ${latestEarlier}`);
    assert.ok(
      later.every((call) => call.durationMs >= 0 && call.durationMs < ageLimit + 1000),
      JSON.stringify(later.map((call) => call.durationMs)),
    );
    for (const resolve of settle) resolve();
  });
});
