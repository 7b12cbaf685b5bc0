import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

/** Made and finished at a few call sites, a million items must leave the heap (after GC) almost where it was. */
async function churnMillion(kind: string) {
  const result = await runScript(
    scenarios('million.ts'),
    { HOTPATH: '1', HOTPATH_REPORT: 'off', NODE_OPTIONS: '--expose-gc' },
    { args: [kind, '1000000'], timeoutMs: 180_000 },
  );
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

for (const kind of ['channels', 'streams', 'futures']) {
  test(`a million ${kind}: heap growth under 30 MB after GC, totals exact, rows bounded`, async () => {
    const stats = await churnMillion(kind);
    assert.ok(stats.growthMB < 30, `heap grew ${stats.growthMB} MB`);
    assert.equal(stats.total, stats.expected, 'every counted item is in the totals');
    if (kind === 'futures') {
      // Futures aggregate per call site from the start: one row per site, however many calls.
      assert.equal(stats.rows, 2);
    } else {
      assert.equal(stats.instances, 1_010_000, 'every instance is accounted for, live or folded');
      assert.ok(stats.rows <= 1010, `rows ${stats.rows}`);
    }
  });
}
