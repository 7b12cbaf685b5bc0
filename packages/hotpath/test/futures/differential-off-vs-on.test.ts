import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

const MODES = {
  off: { HOTPATH_REPORT: 'off' },
  on: { HOTPATH: '1', HOTPATH_REPORT: 'off' },
  'on with polls': { HOTPATH: '1', HOTPATH_REPORT: 'off', HOTPATH_FUTURE_POLLS: '1' },
};

/** Every mode's result for one script run; stderr without hotpath's own lines. */
async function allModes(file: string, args: string[]) {
  const results = await Promise.all(Object.values(MODES).map((env) => runScript(file, env, { args })));
  return results.map((r) => ({
    code: r.code,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr
      .split('\n')
      .filter((line) => !line.startsWith('[hotpath]'))
      .join('\n'),
  }));
}

describe('off vs on: the same program', () => {
  test('same values, errors, this, length and order of side effects', async () => {
    const [off, on, polls] = await allModes(scenarios('futures-differential.ts'), []);
    assert.equal(off!.code, 0, off!.stderr);
    assert.ok(off!.stdout.split('\n').length > 30);
    assert.deepEqual(on, off);
    assert.deepEqual(polls, off);
  });

  for (const [name, args, expected] of [
    ['an async function nobody handles', ['fn-unhandled'], /Error: nobody handles me/],
    ['a thunk rejecting with a string', ['thunk-unhandled'], /a plain string reason/],
    ['a wrapped rejected promise', ['promise-unhandled'], /TypeError: raw promise, wrapped/],
  ] as const) {
    test(`unhandled rejection of ${name}: same error printed, same exit code`, async () => {
      const [off, on, polls] = await allModes(scenarios('futures-unhandled.ts'), [...args]);
      assert.equal(off!.code, 1);
      assert.match(off!.stderr, expected);
      assert.deepEqual(on, off);
      assert.deepEqual(polls, off);
    });

    test(`unhandled rejection of ${name}: same unhandledRejection event with a listener`, async () => {
      const [off, on, polls] = await allModes(scenarios('futures-unhandled.ts'), [...args, '--listen']);
      assert.equal(off!.code, 0);
      assert.match(off!.stdout, /^unhandledRejection /);
      assert.deepEqual(on, off);
      assert.deepEqual(polls, off);
    });
  }

  test('handled rejections raise nothing; handled late: the same unhandled + rejectionHandled pair', async () => {
    const [off, on, polls] = await allModes(scenarios('futures-unhandled.ts'), ['handled', '--listen']);
    assert.equal(off!.stdout, 'caught awaited in try\ncaught handled in the same tick\nend\n');
    assert.deepEqual(on, off);
    assert.deepEqual(polls, off);
    const late = await allModes(scenarios('futures-unhandled.ts'), ['handled-late', '--listen']);
    assert.match(
      late[0]!.stdout,
      /unhandledRejection Error: handled after a timer\ncaught late.*\nrejectionHandled\nend/,
    );
    assert.deepEqual(late[1], late[0]);
    assert.deepEqual(late[2], late[0]);
  });

  test('pinned deviation: future(promise) whose result is dropped while only the original is handled', async () => {
    const [off, on] = await allModes(scenarios('futures-unhandled.ts'), ['original-only', '--listen']);
    assert.equal(off!.stdout, 'caught handled on the original\nend\n');
    assert.equal(
      on!.stdout,
      'caught handled on the original\nunhandledRejection Error: handled on the original\nend\n',
    );
  });
});
