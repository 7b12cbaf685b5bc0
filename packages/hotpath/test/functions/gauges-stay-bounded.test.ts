import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gaugeOn, valOn } from '../../src/functions/gauges.ts';
import { GAUGE_HISTORY } from '../../src/registry/gauge-site.ts';
import { gaugeLogs, gaugeRegistry, gaugeRows } from '../../src/registry/gauges.ts';

const row = (label: string, kind = 'gauge') => gaugeRows().find((r) => r.label === label && r.kind === kind)!;
/** Creates the row without a call site read and without arming the exit report of this test process. */
const prepare = (kind: 'gauge' | 'val', label: string) => gaugeRegistry.create(kind, label, null);

describe('gauges: current, min, max and bounded history', () => {
  test('10,000 updates: exact count and extremes, history and logs capped, newest kept', () => {
    prepare('gauge', 'depth');
    let expectedMin = Number.POSITIVE_INFINITY;
    let expectedMax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < 10_000; i++) {
      const value = Math.round(Math.sin(i) * 1000);
      expectedMin = Math.min(expectedMin, value);
      expectedMax = Math.max(expectedMax, value);
      gaugeOn('depth', value, 2, test);
    }
    const last = Math.round(Math.sin(9_999) * 1000);
    const got = row('depth');
    assert.deepEqual([got.updates, got.value, got.min, got.max], [10_000, last, expectedMin, expectedMax]);
    assert.equal(got.history.length, GAUGE_HISTORY);
    assert.deepEqual(
      got.history,
      Array.from({ length: GAUGE_HISTORY }, (_, k) =>
        Math.round(Math.sin(10_000 - GAUGE_HISTORY + k) * 1000),
      ),
    );
    const logs = gaugeLogs(got.id)!.logs;
    assert.equal(logs.length, 50, 'HOTPATH_LOGS_LIMIT (default 50)');
    assert.deepEqual(
      logs.slice(0, 2).map((entry) => [entry.index, entry.message]),
      [
        [10_000, String(last)],
        [9_999, String(Math.round(Math.sin(9_998) * 1000))],
      ],
    );
  });

  test('set, inc and dec chain on one handle, and the label finds it again', () => {
    prepare('gauge', 'workers');
    const workers = gaugeOn('workers', undefined, 1, test);
    assert.equal(workers.set(5).inc().inc(3).dec(), workers);
    assert.equal(gaugeOn('workers', undefined, 1, test), workers);
    assert.deepEqual([row('workers').value, row('workers').min, row('workers').max], [8, 5, 9]);
    assert.deepEqual(row('workers').history, [5, 6, 9, 8]);
  });

  test('bad values are the caller mistake: a TypeError naming what was expected', () => {
    prepare('gauge', 'strict');
    assert.throws(() => gaugeOn('strict', '3', 2, test), /expected a finite number, got string/);
    assert.throws(() => gaugeOn('strict', Number.NaN, 2, test), /expected a finite number, got NaN/);
    assert.throws(() => gaugeOn('', 1, 2, test), /label must be a non-empty string/);
    assert.throws(() => gaugeOn('strict', undefined, 1, test).inc(Number.POSITIVE_INFINITY), /inc\(by\)/);
    assert.equal(row('strict').updates, 0);
  });

  test('val keeps the latest value, a bounded log of formatted values, numbers also move min/max', () => {
    prepare('val', 'request');
    for (let i = 0; i < 1000; i++) valOn('request', { id: i }, test);
    valOn('request', 12, test);
    const got = row('request', 'val');
    assert.deepEqual([got.updates, got.message, got.value, got.min, got.max], [1001, '12', 12, 12, 12]);
    const logs = gaugeLogs(got.id)!.logs;
    assert.equal(logs.length, 50);
    assert.deepEqual(
      logs.slice(0, 2).map((entry) => [entry.index, entry.message]),
      [
        [1001, '12'],
        [1000, '{ id: 999 }'],
      ],
    );
  });
});
