import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COLUMNS, layoutColumns, queueCell } from '../../src/console/columns.ts';
import { fit, formatCount, formatDurationMs, formatRate } from '../../src/console/format.ts';
import { RateTracker } from '../../src/console/rates.ts';
import type { AnyRow } from '../../src/console/rows.ts';
import { channelRow } from '../helpers/canned.ts';

const rows = (...list: Record<string, unknown>[]) => list.map((fields) => channelRow(fields) as AnyRow);

test('rates: counter differences over the program clock, over at least 0.9 s', () => {
  const tracker = new RateTracker('channels');
  tracker.update(rows({ id: 1, sent: 100, createdMs: 0 }), 1000);
  assert.equal(
    tracker.update(rows({ id: 1, sent: 150, createdMs: 0 }), 1500).size,
    0,
    'half a second: not yet',
  );
  const rates = tracker.update(rows({ id: 1, sent: 300, createdMs: 0 }), 3000);
  assert.equal(rates.get(1), 100, '200 sends in 2 s of the program clock');
  assert.equal(
    tracker.update(rows({ id: 1, sent: 300, createdMs: 0 }), 3200).get(1),
    100,
    'kept until the next window',
  );
});

test('rates: a new row counts from zero only if it was created in the window', () => {
  const tracker = new RateTracker('channels');
  tracker.update(rows({ id: 1, sent: 0, createdMs: 0 }), 1000);
  const rates = tracker.update(
    rows(
      { id: 1, sent: 0, createdMs: 0 },
      { id: 2, sent: 50, createdMs: 1500 },
      { id: 3, sent: 5000, createdMs: 10, instances: 40 },
    ),
    2000,
  );
  assert.equal(rates.get(2), 50);
  assert.equal(rates.has(3), false, 'a summary row that just appeared has nothing to compare with');
  assert.equal(rates.get(1), 0);
});

test('queue bar: green below half, yellow from half, red only at capacity; no bar without capacity', () => {
  const colour = (queued: number, capacity: number) => queueCell(queued, capacity, 16)[0]!.color;
  assert.equal(colour(4, 10), 'green');
  assert.equal(colour(5, 10), 'yellow');
  assert.equal(colour(9, 10), 'yellow');
  assert.equal(colour(10, 10), 'red');
  const nearlyFull = queueCell(99, 100, 16)
    .map((s) => s.text)
    .join('');
  assert.match(nearlyFull, /^█{5}░ 99\/100/, 'never drawn full before it is');
  assert.match(
    queueCell(100, 100, 16)
      .map((s) => s.text)
      .join(''),
    /^█{6} 100\/100/,
  );
  assert.doesNotMatch(
    queueCell(7, null, 16)
      .map((s) => s.text)
      .join(''),
    /[█░]/,
  );
  assert.equal(queueCell(null, 10, 16)[0]!.text.trim(), '-');
});

test('layout: columns drop by priority until the label has room, and widths add up to the space', () => {
  const wide = layoutColumns(COLUMNS.channels, 160);
  assert.equal(
    wide.reduce((sum, { width }) => sum + width + 1, 0),
    160,
  );
  assert.ok(wide.some(({ column }) => column.key === 'kind'));
  const narrow = layoutColumns(COLUMNS.channels, 60).map(({ column }) => column.key);
  // Every optional column offered (the ⚠ one too, which a row raising a lint brings): the queue bar goes first.
  assert.deepEqual(narrow, ['label', 'lints', 'state', 'sent', 'received']);
});

test('formats: counts, durations and rates fit narrow columns; unknowns are "-"', () => {
  assert.deepEqual(
    [formatCount(9999), formatCount(12_345), formatCount(1_234_567), formatCount(null)],
    ['9999', '12.3k', '1.23M', '-'],
  );
  assert.deepEqual(
    [
      formatDurationMs(0.0005),
      formatDurationMs(0.25),
      formatDurationMs(12.345),
      formatDurationMs(250),
      formatDurationMs(2500),
      formatDurationMs(null),
    ],
    ['500ns', '250.0µs', '12.35ms', '250.0ms', '2.50s', '-'],
  );
  assert.deepEqual([formatRate(0), formatRate(3.25), formatRate(3568)], ['0/s', '3.3/s', '3568/s']);
  assert.equal(fit('src/very/long/path/file.ts:42', 12, 'left', true), '…/file.ts:42');
  assert.equal(fit('12', 5, 'right'), '   12');
});
