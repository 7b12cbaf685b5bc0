import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { measureBlockOn } from '../../src/functions/block.ts';
import { measureFunction } from '../../src/functions/measure.ts';
import { functionRegistry, functionRows } from '../../src/registry/functions.ts';
import type { FunctionRow } from '../../src/types.ts';

const CALLS = 10_000;
const row = (label: string): FunctionRow => functionRows().find((r) => r.label === label)!;

/** Spins for `ms` and returns how long it really spun: the reference the sampled percentiles must match. */
function spin(ms: number): number {
  const start = performance.now();
  let now = start;
  while (now - start < ms) now = performance.now();
  return now - start;
}

/**
 * Durations rising from 2 to 62 µs over the run, with jitter: percentiles drawn from the first calls only,
 * or from the last ones only, would miss the reference by far.
 */
function durations(count: number): number[] {
  let seed = 0x9e3779b9;
  return Array.from({ length: count }, (_, i) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return 0.002 + 0.05 * (i / count) + ((seed >>> 0) / 2 ** 32) * 0.01;
  });
}

/**
 * The documented error: the reported p-th percentile is the p-th of `samples` timed calls, so its rank
 * among all calls is off by a standard error of sqrt(p(1−p)/samples). Checked at four of them, against
 * the reference percentiles of every call's own spin time; `slackMs` allows for the wrapper's own cost
 * and the scheduler stretching a call now and then.
 */
function assertPercentilesMatch(reported: FunctionRow, reference: number[], slackMs: number): void {
  const sorted = [...reference].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  for (const [p, value] of [
    [0.5, reported.p50Ms],
    [0.95, reported.p95Ms],
    [0.99, reported.p99Ms],
  ] as const) {
    const error = 4 * Math.sqrt((p * (1 - p)) / reported.samples);
    const low = at(p - error);
    const high = at(Math.min(1, p + error)) + slackMs;
    assert.ok(
      value !== null && value >= low && value <= high,
      `p${p * 100} = ${value} ms, expected within [${low}, ${high}] (${reported.samples} samples)`,
    );
  }
  assert.ok(reported.maxMs! >= reported.p99Ms!);
  // The mean is the timed calls' mean, which one preempted call can move far: only its floor is pinned.
  assert.ok(reported.meanMs! >= at(0.5 - 4 * Math.sqrt(0.25 / reported.samples)) * 0.5);
}

describe('10,000 calls: counts exact, durations sampled within the stated error', () => {
  test('a sync function', () => {
    const plan = durations(CALLS);
    const spent: number[] = [];
    const fn = measureFunction((ms: number) => spent.push(spin(ms)), { label: 'acc-sync' }, null);
    for (const ms of plan) fn(ms);
    const reported = row('acc-sync');
    assert.equal(reported.calls, CALLS);
    assert.equal(reported.errors, 0);
    assert.equal(reported.async, false);
    // The first 64 calls, then about one in 32 of the rest.
    assert.ok(reported.samples > 64 + 200 && reported.samples < 64 + 450, String(reported.samples));
    assertPercentilesMatch(reported, spent, 0.02);
    // The estimated total: the timed calls' mean (rounded to the nanosecond) times the exact count.
    assert.ok(Math.abs(reported.totalMs! - reported.meanMs! * CALLS) <= CALLS * 1e-6);
  });

  test('an async function, timed until it settles', async () => {
    const plan = durations(CALLS);
    const spent: number[] = [];
    const fn = measureFunction(
      async (ms: number) => {
        await null;
        spent.push(spin(ms));
        return ms;
      },
      { label: 'acc-async' },
      null,
    );
    for (const ms of plan) assert.equal(await fn(ms), ms);
    const reported = row('acc-async');
    assert.deepEqual(
      [reported.calls, reported.errors, reported.pending, reported.async],
      [CALLS, 0, 0, true],
    );
    assertPercentilesMatch(reported, spent, 0.05);
  });

  test('a block', () => {
    const plan = durations(CALLS);
    const spent: number[] = [];
    // Made beforehand, so that the test process does not arm the exit report.
    functionRegistry.newBlock('acc-block', null);
    for (const ms of plan) measureBlockOn('acc-block', () => spent.push(spin(ms)), test);
    const reported = row('acc-block');
    assert.deepEqual([reported.kind, reported.calls, reported.errors], ['block', CALLS, 0]);
    assertPercentilesMatch(reported, spent, 0.02);
  });
});

describe('errors are counted and pass through unchanged', () => {
  test('a sync throw: the very same error object, every time, counted exactly', () => {
    const failure = new RangeError('odd');
    const fn = measureFunction(
      (n: number) => {
        if (n % 2 === 1) throw failure;
        return n;
      },
      { label: 'err-sync' },
      null,
    );
    let caught = 0;
    for (let n = 0; n < 1000; n++) {
      try {
        assert.equal(fn(n), n);
      } catch (error) {
        assert.equal(error, failure);
        caught++;
      }
    }
    assert.equal(caught, 500);
    assert.deepEqual([row('err-sync').calls, row('err-sync').errors], [1000, 500]);
  });

  test('a rejection: the same reason, counted; a non-Error reason too', async () => {
    const reasons = [new TypeError('no'), 'a plain string', undefined];
    const fn = measureFunction(
      async (n: number) => {
        if (n < 3) throw reasons[n];
        return n;
      },
      { label: 'err-async' },
      null,
    );
    for (let n = 0; n < 3; n++) await assert.rejects(fn(n), (reason) => reason === reasons[n]);
    assert.equal(await fn(7), 7);
    assert.deepEqual([row('err-async').calls, row('err-async').errors, row('err-async').pending], [4, 3, 0]);
  });

  test('a block that throws rethrows the same error and counts it', () => {
    functionRegistry.newBlock('err-block', null);
    const failure = new Error('block');
    assert.throws(
      () =>
        measureBlockOn(
          'err-block',
          () => {
            throw failure;
          },
          test,
        ),
      (error) => error === failure,
    );
    assert.equal(row('err-block').errors, 1);
  });

  test('pending counts calls whose promise has not settled', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fn = measureFunction(() => gate, { label: 'err-pending' }, null);
    const calls = [fn(), fn()];
    assert.equal(row('err-pending').pending, 2);
    release();
    await Promise.all(calls);
    assert.equal(row('err-pending').pending, 0);
  });
});
