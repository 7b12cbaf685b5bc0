import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

test('on: a non-function, non-thenable argument is a TypeError naming what is accepted', async () => {
  const result = await runScript(scenarios('futures-bad-input.ts'), { HOTPATH: '1', HOTPATH_REPORT: 'off' });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.trim().split('\n'), [
    'future(42) threw TypeError: future(work): work must be a promise (or any thenable) or a function returning one, got number',
    'future({}) threw TypeError: future(work): work must be a promise (or any thenable) or a function returning one, got an object without a then method',
    'futureFn(42) threw TypeError: futureFn(fn, options): fn must be a function (or call futureFn(options) to get a method decorator), got number',
    'futureFn(null) threw TypeError: futureFn(fn, options): fn must be a function (or call futureFn(options) to get a method decorator), got null',
    'future(p, { nope: 1 }) threw TypeError: future(…, options): unknown option "nope"; expected label, log, signal',
    'bare standard threw TypeError: @futureFn needs parentheses: write @futureFn() or @futureFn({ log: true })',
    'bare legacy threw TypeError: @futureFn needs parentheses: write @futureFn() or @futureFn({ log: true })',
  ]);
});

test('off: the wrappers check nothing and hand the argument back', async () => {
  const result = await runScript(scenarios('futures-bad-input.ts'));
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.trim().split('\n'), [
    'future(42) returned number',
    'future({}) returned object',
    'futureFn(42) returned number',
    'futureFn(null) returned object',
    'future(p, { nope: 1 }) returned object',
    'bare standard returned function',
    'bare legacy returned function',
  ]);
});
