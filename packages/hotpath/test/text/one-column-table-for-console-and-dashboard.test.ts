/**
 * The columns of each row tab, written once in `hotpath/text` for the console and the web dashboard: what
 * a cell reads, its tone, what it sorts by, which optional columns a set of rows brings, and the `⚠`
 * column fed by the snapshot's lints.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  availableColumns,
  COLUMNS,
  type ColumnRow,
  compareSortValues,
  markLintedRows,
  usableLints,
} from '../../src/text/index.ts';
import { channelRow, futureRow } from '../helpers/rows.ts';

const column = (tab: keyof typeof COLUMNS, key: string) => {
  const found = COLUMNS[tab].find((c) => c.key === key);
  assert.ok(found, `no ${key} column on ${tab}`);
  return found;
};
const none = new Map<number, number>();
const asRow = (row: object) => row as ColumnRow;

test('cells read as plain text with a tone: queue fill, states, unknowns muted, alerts only when not zero', () => {
  const full = asRow(channelRow({ id: 1, label: 'jobs', queued: 8, capacity: 8, state: 'full' }));
  const half = asRow(channelRow({ id: 2, queued: 4, capacity: 8 }));
  const site = asRow(
    channelRow({ id: 3, queued: 30, capacity: 8, instances: 5, states: { full: 2, active: 3 } }),
  );
  const queue = column('channels', 'queued');
  assert.deepEqual([queue.text(full, none), queue.tone?.(full)], ['8/8', 'fill-full']);
  assert.deepEqual([queue.text(half, none), queue.tone?.(half)], ['4/8', 'fill-half']);
  // A site's queue sums its instances: no capacity set against one instance's.
  assert.deepEqual([queue.text(site, none), queue.tone?.(site)], ['30', undefined]);
  const state = column('channels', 'state');
  assert.deepEqual([state.text(full, none), state.tone?.(full)], ['⚠ full', 'state-full']);
  assert.equal(state.text(site, none), '⚠ 2 full');
  assert.equal(column('channels', 'label').text(site, none), `${site.label} (×5)`);

  const p95 = column('channels', 'p95');
  const noDelay = asRow(channelRow({ id: 4, delay: null }));
  assert.deepEqual([p95.text(noDelay, none), p95.tone?.(noDelay)], ['-', 'muted']);
  const rate = column('channels', 'rate');
  assert.equal(rate.text(full, new Map([[1, 3.25]])), '3.3/s');
  assert.equal(rate.sortValue(full, none), null, 'no rate yet sorts last');

  const rejected = column('futures', 'rejected');
  const failing = asRow(futureRow({ id: 5, rejected: 3 }));
  const fine = asRow(futureRow({ id: 6, rejected: 0 }));
  assert.deepEqual([rejected.text(failing, none), rejected.tone?.(failing)], ['3', 'error']);
  assert.equal(rejected.tone?.(fine), 'muted');
});

test('optional columns come with the rows that carry their field; the ⚠ one with a lint on some row', () => {
  const rows = [asRow(channelRow({ id: 1, label: 'jobs' })), asRow(channelRow({ id: 2, label: 'events' }))];
  const keys = (list: ColumnRow[]) => availableColumns('channels', list).map((c) => c.key);
  assert.ok(
    !keys(rows).includes('lints') && !keys(rows).includes('threadId') && !keys(rows).includes('trend'),
  );

  const lints = usableLints([
    { lint: 'channel-full', rowId: 1, kind: 'channel', label: 'jobs', since: 3200, message: 'jobs is full' },
    { lint: 'future-pending', rowId: 2, kind: 'future', label: 'wait', since: 10, message: 'pending' },
    { nonsense: true },
  ]);
  assert.equal(lints.length, 2, 'an entry without lint and message is skipped');
  const marked = markLintedRows('channels', rows, lints);
  assert.ok(keys(marked).includes('lints'));
  const warn = column('channels', 'lints');
  assert.deepEqual(
    marked.map((row) => [warn.text(row, none), warn.tone?.(row)]),
    [
      ['⚠', 'warning'],
      ['', undefined],
    ],
    'a future lint on id 2 does not mark channel 2',
  );
  assert.equal(markLintedRows('channels', rows, []), rows, 'no lint: the rows as they were');

  const withHistory = [asRow(channelRow({ id: 7, history: { intervalMs: 1000, queued: [0, 2, 4, 8] } }))];
  const trend = availableColumns('channels', withHistory).find((c) => c.key === 'trend')!;
  assert.equal(trend.text(withHistory[0]!, none), '▁▃▅█');
});

test('sort values: numbers by value, text by locale, unknowns last', () => {
  const values = [3, null, 1, 2];
  assert.deepEqual([...values].sort(compareSortValues), [1, 2, 3, null]);
  assert.ok(compareSortValues('apple', 'banana') < 0);
});
