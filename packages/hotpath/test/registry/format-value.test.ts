import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { faultCount } from '../../src/registry/faults.ts';
import { formatValue, MAX_MESSAGE_LENGTH, truncate } from '../../src/registry/format-value.ts';
import { LogRing } from '../../src/registry/log-ring.ts';

test('formats with util.inspect on one line, or with the user formatter', () => {
  assert.equal(formatValue({ a: [1, 2], b: 'x' }, true), "{ a: [ 1, 2 ], b: 'x' }");
  assert.equal(
    formatValue(5, (v) => `n=${String(v)}`),
    'n=5',
  );
});

test('a throwing formatter or inspection becomes a message and a counted fault, never an exception', () => {
  const before = faultCount();
  assert.match(
    formatValue(1, () => {
      throw new Error('nope');
    }),
    /^<could not format value: nope>$/,
  );
  const hostile = {
    [inspect.custom]() {
      throw new Error('inspect broke');
    },
  };
  assert.match(formatValue(hostile, true), /could not format value: inspect broke/);
  assert.equal(faultCount(), before + 2);
});

test('long values are cut at the limit without splitting a surrogate pair', () => {
  const long = formatValue('x'.repeat(10_000), (v) => String(v));
  assert.equal(long.length, MAX_MESSAGE_LENGTH);
  assert.ok(long.endsWith('…'));
  const emoji = '😀'.repeat(10);
  for (let max = 2; max < 20; max++) {
    const cut = truncate(emoji, max);
    assert.ok(cut.length <= max);
    assert.doesNotMatch(cut, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, `max ${max} split a pair`);
  }
});

test('LogRing keeps the newest entries, newest first', () => {
  const ring = new LogRing(3);
  for (let i = 1; i <= 5; i++) ring.push({ index: i, timestampMs: i, message: null });
  assert.deepEqual(
    ring.toArray().map((e) => e.index),
    [5, 4, 3],
  );
  const none = new LogRing(0);
  none.push({ index: 1, timestampMs: 1, message: null });
  assert.equal(none.size, 0);
});
