import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runScript, scenarios } from '../helpers/run-script.ts';

const ON = { HOTPATH: '1', HOTPATH_REPORT: 'table', NO_COLOR: '1' };

function parse(stdout: string) {
  return JSON.parse(stdout.split('\n')[0]!);
}

describe("hotpath-rs's futures scenario, ported", () => {
  test('rows per site: calls 2 for a decorated method and a wrapped function, nested rows, pending, log', async () => {
    const result = await runScript(scenarios('futures-basic.ts'), ON);
    assert.equal(result.code, 0, result.stderr);
    const { values, rows, calls } = parse(result.stdout);
    assert.deepEqual(values, [10, 20, 'logged 30', 'logged 40', 6, 7, 14, 16, 'inner value']);
    const byLabel = new Map<string, any>(rows.map((row: any) => [row.label, row]));
    const decorated = rows.filter((row: any) => row.label.startsWith('scenarios/futures-basic.ts:'));
    assert.equal(decorated.length, 2, 'one row per decorated method');
    for (const row of [...decorated, byLabel.get('three-awaits'), byLabel.get('wrapped-no-log')]) {
      assert.equal(row.calls, 2, row.label);
      assert.equal(row.resolved, 2, row.label);
      assert.equal(row.pending, 0, row.label);
      assert.equal(row.duration.samples, 2, row.label);
    }
    // The nested future has its own row, and so does the future around it.
    assert.equal(byLabel.get('nested-outer').calls, 1);
    assert.equal(byLabel.get('nested-inner').calls, 1);
    assert.notEqual(byLabel.get('nested-outer').id, byLabel.get('nested-inner').id);
    // Made and never awaited: pending, in the row and in its calls.
    const never = byLabel.get('never-awaited');
    assert.deepEqual([never.calls, never.pending, never.duration], [1, 1, null]);
    assert.equal(calls['never-awaited'][0].state, 'pending');
    // Results only where log is on.
    const [noLog, withLog] = decorated.map((row: any) => calls[row.label]);
    assert.deepEqual(
      noLog.map((call: any) => call.result),
      [null, null],
    );
    assert.deepEqual(
      withLog.map((call: any) => call.result),
      ["'logged 40'", "'logged 30'"],
    );
    assert.deepEqual(
      calls['wrapped-no-log'].map((call: any) => call.result),
      [null, null],
    );
    assert.deepEqual(
      calls['three-awaits'].map((call: any) => [call.state, call.result, call.polls]),
      [
        ['resolved', '7', null],
        ['resolved', '6', null],
      ],
    );
    // Custom labels sort first; calls are newest first with distinct ids.
    assert.deepEqual(
      rows.slice(0, 5).map((row: any) => row.label),
      ['nested-inner', 'nested-outer', 'never-awaited', 'three-awaits', 'wrapped-no-log'],
    );
    assert.ok(calls['three-awaits'][0].id > calls['three-awaits'][1].id);
  });

  test('the exit report shows the table and lists the future still pending with its age', async () => {
    const result = await runScript(scenarios('futures-basic.ts'), ON);
    const report = result.stdout.slice(result.stdout.indexOf('=== Future Statistics'));
    assert.match(report, /\| three-awaits +\| +2 \| +0 \| +2 \| +0 \| +0 \|/);
    assert.match(report, /\| never-awaited +\| +1 \| +1 \| +0 \|/);
    assert.match(
      report,
      /Still pending \(1, oldest first\):\n {2}never-awaited {2}call #\d+ {2}pending for [\d.]+ (µs|ms)/,
    );
  });

  test('with HOTPATH_FUTURE_POLLS an async function with three awaits counts 4 polls, every run', async () => {
    for (let run = 0; run < 3; run++) {
      const result = await runScript(scenarios('futures-basic.ts'), { ...ON, HOTPATH_FUTURE_POLLS: '1' });
      assert.equal(result.code, 0, result.stderr);
      const { calls } = parse(result.stdout);
      assert.deepEqual(
        calls['three-awaits'].map((call: any) => call.polls),
        [4, 4],
      );
      // One await of a timer: two polls, as hotpath-rs counts a future with one sleep.
      const decorated = Object.keys(calls).filter((label) => label.startsWith('scenarios/'));
      for (const label of decorated)
        assert.deepEqual(
          calls[label].map((call: any) => call.polls),
          [2, 2],
        );
      // A promise made before it was wrapped ran outside us: no poll count.
      assert.deepEqual(calls['never-awaited'][0].polls, null);
    }
  });
});

const legacyConfig = fileURLToPath(new URL('../scenarios/futures-legacy/tsconfig.json', import.meta.url));
const methods = scenarios('futures-legacy/methods.ts');

describe('@futureFn works in both decorator dialects', () => {
  for (const [dialect, env] of [
    ['standard', {}],
    ['experimentalDecorators', { TSX_TSCONFIG_PATH: legacyConfig }],
  ] as const) {
    test(`${dialect}: this, arguments, result, sync throw, length and name as the original; off = on`, async () => {
      const off = await runScript(methods, { ...env, HOTPATH_REPORT: 'off' });
      const on = await runScript(methods, { ...env, HOTPATH: '1', HOTPATH_REPORT: 'off' });
      assert.equal(on.code, 0, on.stderr);
      const [a, b] = [parse(off.stdout), parse(on.stdout)];
      assert.equal(b.dialect, dialect);
      assert.deepEqual({ ...b, rows: [] }, { ...a, rows: [] });
      assert.deepEqual(
        [b.greeting, b.length, b.name, b.thrown],
        ['Hello, Ada!', 2, 'greet', 'RangeError: sync'],
      );
      assert.deepEqual(a.rows, []);
      assert.deepEqual(
        b.rows.map((row: any) => [row.calls, row.resolved, row.rejected]),
        [
          [1, 1, 0],
          [1, 0, 1],
        ],
      );
    });
  }

  test('the scenario type-checks under experimentalDecorators', () => {
    const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));
    execFileSync(process.execPath, [tsc, '-p', legacyConfig, '--noEmit'], { stdio: 'pipe' });
  });
});
