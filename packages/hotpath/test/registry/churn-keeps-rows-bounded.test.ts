import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

test('200,000 channels churned at one call site: rows bounded, totals exact, dropped channels end by GC', async () => {
  const result = await runScript(
    scenarios('churn.ts'),
    { HOTPATH: '1', NODE_OPTIONS: '--expose-gc' },
    { timeoutMs: 120_000 },
  );
  assert.equal(result.code, 0, result.stderr);
  const stats = JSON.parse(result.stdout.split('\n')[0]!);
  assert.ok(stats.rows <= 1002 + 1, `rows ${stats.rows}`);
  assert.equal(stats.sent, 205_000);
  assert.equal(stats.received, 200_000);
  assert.equal(stats.instances, 205_000);
  const churned = stats.summaries.find((s: { label: string }) => s.label.startsWith('scenarios/churn.ts:'));
  assert.ok(churned.instances >= 199_000, JSON.stringify(stats.summaries));
  const dropped = stats.summaries.find((s: { label: string }) => s.label === 'dropped');
  assert.ok(dropped, 'channels dropped unclosed were folded after garbage collection');
  assert.ok(stats.heapMB < 200, `heap ${stats.heapMB} MB`);
});
