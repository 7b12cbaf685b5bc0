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
