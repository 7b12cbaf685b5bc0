import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reservoir } from '../../src/registry/reservoir.ts';

test('percentiles of a small sample are exact', () => {
  const reservoir = new Reservoir();
  for (let i = 1; i <= 100; i++) reservoir.add(i);
  assert.deepEqual(reservoir.percentiles(), { samples: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 });
});

test('keeps the most recent 512 samples but counts all, and the max over all', () => {
  const reservoir = new Reservoir();
  reservoir.add(1000);
  for (let i = 0; i < 5000; i++) reservoir.add(1);
  const p = reservoir.percentiles()!;
  assert.equal(p.samples, 5001);
  assert.equal(p.p99Ms, 1);
  assert.equal(p.maxMs, 1000);
});

test('empty gives null; absorbing keeps counts and max', () => {
  const a = new Reservoir();
  assert.equal(a.percentiles(), null);
  const b = new Reservoir();
  for (let i = 0; i < 600; i++) b.add(i);
  a.absorb(b);
  assert.equal(a.samples, 600);
  assert.equal(a.percentiles()!.maxMs, 599);
});

test('weighted samples: 64 fast calls timed one by one do not outweigh slow calls timed one in 32', () => {
  const reservoir = new Reservoir();
  for (let i = 0; i < 64; i++) reservoir.add(1);
  // 200 timed calls standing for 6400: the median of all calls is among them.
  for (let i = 0; i < 200; i++) reservoir.add(10 + i / 100, 32);
  const percentiles = reservoir.percentiles()!;
  // Unweighted, 64 of 264 samples sit at 1 ms and the median would be the 68th of the slow ones (10.68).
  assert.ok(percentiles.p50Ms >= 10.97 && percentiles.p50Ms <= 11.01, String(percentiles.p50Ms));
  assert.equal(percentiles.samples, 264);
});
