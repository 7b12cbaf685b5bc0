import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

test('Node streams dropped before their end are still collected, and their rows end as closed', async () => {
  const result = await runScript(
    scenarios('node-streams-dropped.ts'),
    { HOTPATH: '1', HOTPATH_REPORT: 'off', NODE_OPTIONS: '--expose-gc' },
    { timeoutMs: 60_000 },
  );
  assert.equal(result.code, 0, result.stderr);
  const kinds = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<
    string,
    { taken: number; states: Record<string, number> }
  >;
  for (const [kind, { taken, states }] of Object.entries(kinds)) {
    // The last few made may still be on the stack or in a register when the collector runs.
    assert.ok(taken >= 290, `${kind}: the collector took ${taken} of 300`);
    assert.ok((states.closed ?? 0) >= taken, `${kind}: ${JSON.stringify(states)}`);
    assert.equal((states.closed ?? 0) + (states.active ?? 0), 300, `${kind}: ${JSON.stringify(states)}`);
  }
});
