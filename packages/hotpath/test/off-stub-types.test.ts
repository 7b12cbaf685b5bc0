import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as full from '../src/index.ts';
import * as stub from '../src/off.ts';

// Type-level: the stub must be usable wherever the real module is (`tsc --noEmit` checks this line).
const asFull: Omit<typeof full, 'enabled'> & { enabled: boolean } = stub;

test('the stub satisfies the full module type and its wrappers are identities', async () => {
  const target = { x: 1 };
  assert.equal(asFull.channel(target), target);
  assert.equal(asFull.stream(target), target);
  const promise = Promise.resolve(1);
  assert.equal(asFull.future(promise), promise);
  assert.equal(await asFull.main(() => 42), 42);
  assert.deepEqual(asFull.snapshot().channels, []);
});

test('the stub measure, measureBlock, gauge and val change nothing', () => {
  function fn(this: unknown, a: number) {
    return [this, a];
  }
  assert.equal(asFull.measure(fn), fn);
  const decorator = asFull.measure({ label: 'x' });
  const descriptor = { value: fn, writable: true, enumerable: false, configurable: true };
  assert.equal(decorator({}, 'fn', descriptor).value, fn);
  const result = {};
  assert.equal(
    asFull.measureBlock('b', () => result),
    result,
  );
  const gauge = asFull.gauge('g', 1);
  assert.equal(gauge.set(2).inc().dec(3), gauge);
  assert.equal(asFull.val('v', { any: 'thing' }), undefined);
  assert.deepEqual([asFull.snapshot().functions, asFull.snapshot().gauges], [[], []]);
});
