import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { config, readConfig } from '../../src/config.ts';
import { measureFunction } from '../../src/functions/measure.ts';
import { focused } from '../../src/registry/focus.ts';
import { functionRows } from '../../src/registry/functions.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';

const rows = ['api/users', 'api/orders', 'db query', 'API upper'].map((label) => ({ label }));
const labels = (kept: { label: string }[]) => kept.map((row) => row.label);

describe('HOTPATH_FOCUS', () => {
  test('plain text keeps labels containing it; /regex/ keeps labels matching it', () => {
    const focus = (value: string) => readConfig({ HOTPATH: '1', HOTPATH_FOCUS: value }).focus;
    assert.deepEqual(labels(focused(rows, focus('api/'))), ['api/users', 'api/orders']);
    assert.deepEqual(labels(focused(rows, focus('/^api/i'))), ['api/users', 'api/orders', 'API upper']);
    assert.deepEqual(labels(focused(rows, focus('/query$/'))), ['db query']);
    assert.deepEqual(labels(focused(rows, null)), labels(rows));
  });

  test('a broken /regex/ warns once, naming the variable, and shows everything', () => {
    const warnings: string[] = [];
    const parsed = readConfig({ HOTPATH: '1', HOTPATH_FOCUS: '/(unclosed/' }, (m) => warnings.push(m));
    assert.equal(parsed.focus, null);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^HOTPATH_FOCUS="\/\(unclosed\/" is not a valid \/regex\//);
  });

  test('the report and the snapshot show only focused rows, of every kind', async () => {
    const run = await runScript(scenarios('functions-focus.ts'), {
      HOTPATH: '1',
      HOTPATH_FOCUS: '/^(hot|kept)/',
      HOTPATH_REPORT: 'table',
    });
    assert.equal(run.code, 0, run.stderr);
    const snapshot = JSON.parse(run.stdout.split('\n')[0]!);
    assert.deepEqual(
      [snapshot.functions, snapshot.gauges, snapshot.futures, snapshot.channels].map((list) =>
        list.map((row: { label: string }) => row.label),
      ),
      [['hot'], ['kept-gauge'], ['kept-future'], []],
    );
    assert.match(run.stdout, /=== Function Timing/);
    assert.match(run.stdout, /\| hot /);
    assert.doesNotMatch(run.stdout, /cold|dropped/);
  });
});

/** Spins for `ms`. */
function spin(ms: number): void {
  const start = performance.now();
  while (performance.now() - start < ms) {}
}

describe('HOTPATH_TIME_EXCLUSIVE', () => {
  test('a caller time excludes its nested measured calls; every call is timed', () => {
    config.timeExclusive = true;
    try {
      const inner = measureFunction(() => spin(6), { label: 'excl-inner' }, null);
      const outer = measureFunction(
        () => {
          spin(2);
          inner();
          inner();
        },
        { label: 'excl-outer' },
        null,
      );
      for (let i = 0; i < 5; i++) outer();
      const [o, n] = ['excl-outer', 'excl-inner'].map(
        (label) => functionRows().find((r) => r.label === label)!,
      );
      assert.deepEqual([o!.calls, o!.samples, n!.calls, n!.samples], [5, 5, 10, 10]);
      assert.equal(o!.exclusive, true);
      // Inclusive, the outer call would take 14 ms or more; exclusive, about 2 (a busy machine stretches it).
      assert.ok(o!.p50Ms! >= 2 && o!.p50Ms! < 10, `outer p50 ${o!.p50Ms}`);
      assert.ok(n!.p50Ms! >= 6, `inner p50 ${n!.p50Ms}`);
    } finally {
      config.timeExclusive = false;
    }
  });
});
