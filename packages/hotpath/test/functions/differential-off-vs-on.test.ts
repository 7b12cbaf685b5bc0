import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runScript, scenarios } from '../helpers/run-script.ts';

const OFF = { HOTPATH_REPORT: 'off' };
const ON = { HOTPATH: '1', HOTPATH_REPORT: 'off' };
const EXCLUSIVE = { ...ON, HOTPATH_TIME_EXCLUSIVE: '1' };

/** What a run shows the world; stderr without hotpath's own lines. */
function seen(result: Awaited<ReturnType<typeof runScript>>) {
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr
      .split('\n')
      .filter((line) => !line.startsWith('[hotpath]'))
      .join('\n'),
  };
}

describe('measure, measureBlock, gauge, val: off vs on, the same program', () => {
  test('same this, arguments, return values, errors, order and properties', async () => {
    const file = scenarios('functions-differential.ts');
    const [off, on, exclusive] = await Promise.all([OFF, ON, EXCLUSIVE].map((env) => runScript(file, env)));
    assert.equal(off!.code, 0, off!.stderr);
    const printed = JSON.parse(off!.stdout) as unknown[][];
    assert.ok(printed.length > 15);
    assert.deepEqual(printed[0], ['length', 0, 'name', 'variadic', 'tag', 'tagged']);
    assert.deepEqual(seen(on!), seen(off!));
    assert.deepEqual(seen(exclusive!), seen(off!));
  });

  test('an unhandled rejection of a measured async function: same error, same exit code', async () => {
    const file = scenarios('functions-differential.ts');
    const [off, on] = await Promise.all(
      [OFF, ON].map((env) => runScript(file, env, { args: ['unhandled'] })),
    );
    assert.notEqual(off!.code, 0);
    assert.match(off!.stderr, /RangeError: negative -5/);
    assert.deepEqual(seen(on!), seen(off!));
  });
});

const legacyConfig = fileURLToPath(new URL('../scenarios/functions-legacy/tsconfig.json', import.meta.url));
const methods = scenarios('functions-legacy/methods.ts');

describe('@measure() works in both decorator dialects', () => {
  for (const [dialect, env] of [
    ['standard', {}],
    ['experimentalDecorators', { TSX_TSCONFIG_PATH: legacyConfig }],
  ] as const) {
    test(`${dialect}: this, arguments, result, throw, length and name as the original; off = on`, async () => {
      const [off, on] = await Promise.all([
        runScript(methods, { ...env, ...OFF }),
        runScript(methods, { ...env, ...ON }),
      ]);
      assert.equal(on.code, 0, on.stderr);
      const [a, b] = [JSON.parse(off.stdout), JSON.parse(on.stdout)];
      assert.equal(b.dialect, dialect);
      assert.deepEqual({ ...b, rows: [] }, { ...a, rows: [] });
      assert.deepEqual(
        [b.totals, b.greeting, b.length, b.name, b.thrown],
        [[9, 18], 'Hello, Ada!', [3, 2], ['total', 'greet'], 'RangeError: sync'],
      );
      assert.deepEqual(a.rows, []);
      assert.deepEqual(b.rows, [
        { label: 'Account.greet', calls: 1, errors: 0, async: true },
        { label: 'fails', calls: 1, errors: 1, async: false },
        { label: 'total', calls: 2, errors: 0, async: false },
      ]);
    });
  }

  test('the scenario type-checks under experimentalDecorators', () => {
    const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));
    execFileSync(process.execPath, [tsc, '-p', legacyConfig, '--noEmit'], { stdio: 'pipe' });
  });
});
