import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { futureFnOn } from '../src/futures/future-fn.ts';
import { checkOptions } from '../src/options.ts';
import { renderTable } from '../src/report/table.ts';
import { runScript, scenarios } from './helpers/run-script.ts';

/** Stack frames name hotpath's own functions when on; everything else on stderr must match. */
const withoutFrames = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => !line.startsWith('    at '))
    .join('\n')
    .replace(/:\d+:\d+/g, '');

const onEnv = { HOTPATH: '1', HOTPATH_REPORT: 'off' };

describe('realistic programs behave the same off and on', () => {
  for (const name of [
    'node-streams',
    'web-streams',
    'emitters-ports',
    'futures',
    'iterators',
    'combos',
    'finished-targets',
    'node-io',
    'node-iterators',
    'web-pairs',
    'readable-helpers',
    'web-node-bridges',
    'cork-writev',
  ]) {
    test(`${name}: same output, stderr and exit code`, async () => {
      const file = scenarios(`qa/${name}.ts`);
      const [off, on] = await Promise.all([runScript(file), runScript(file, onEnv)]);
      assert.equal(off.code, 0, off.stderr);
      assert.match(off.stdout, /done\n$/);
      assert.equal(on.code, off.code);
      assert.equal(on.stdout, off.stdout);
      assert.equal(withoutFrames(on.stderr), withoutFrames(off.stderr));
    });
  }

  test("the README's examples run as written, off and on", async () => {
    // Imports `hotpath` as a user does, so it needs the built package (npm test builds first).
    const file = scenarios('qa/readme-examples.ts');
    const [off, on] = await Promise.all([runScript(file), runScript(file, onEnv)]);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(on.code, 0, on.stderr);
    const shared = (out: string) =>
      out.split('\n').filter((l) => !/^(guard json|futures|streams|serverUrl)/.test(l));
    assert.deepEqual(shared(on.stdout), shared(off.stdout));
    assert.match(
      on.stdout,
      /guard json keys schemaVersion,pid,elapsedMs,channels,streams,futures,functions,gauges,faults/,
    );
    assert.match(on.stdout, /futures .*Repo\.save:1\/1\/0 .*fetchUser:1\/1\/0/);
    assert.match(on.stdout, /readme-examples\.ts:\d+:1\/0\/1/, 'the aborted future is cancelled');
    assert.match(on.stdout, /streams body:1:closed clicks:1:closed .*rows:2:closed ticks:2:closed/);
  });
});

test('a future whose thunk calls process.exit still gets its exit report', async () => {
  const file = scenarios('qa/exit-in-thunk.ts');
  const [off, on] = await Promise.all([runScript(file), runScript(file, { HOTPATH: '1' })]);
  assert.equal(off.code, 9);
  assert.equal(on.code, 9);
  assert.equal(off.stdout, 'start\n');
  assert.match(on.stdout, /^start\n[\s\S]*\| shutdown +\| +1 \| +1 \|/);
});

describe('labels are the program’s strings', () => {
  test('control characters cannot break the table or reach the terminal; huge labels are cut', () => {
    const text = renderTable(
      [{ header: 'Channel' }, { header: 'Sent', align: 'right' }],
      [
        ['a\nb\u001b[31mred\u0000', '1'],
        ['x'.repeat(100_000), '2'],
        ['日本語🚀', '3'],
      ],
      false,
    );
    const lines = text.split('\n');
    assert.equal(lines.length, 7, 'one line per row');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(text), 'no control characters but newlines');
    assert.match(text, /\| a\\x0ab\\x1b\[31mred\\x00 /);
    assert.ok(
      lines.every((line) => line.length < 200),
      'rows are not padded to a 100,000-character label',
    );
    assert.match(text, /x…/);
    assert.match(text, /日本語🚀/);
  });
});

test('start() and main() with bad options: a clear error at once, not a surprise at exit', async () => {
  const result = await runScript(scenarios('qa/report-options.ts'), onEnv);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.trimEnd().split('\n'), [
    'TypeError: start(options): format must be one of table, json, json-pretty, got xml',
    'TypeError: start(options): sections must be an array of channels, streams, futures, functions, gauges, runtime',
    'TypeError: start(options): output must have a write(text) method',
    'RangeError: start(options): timeoutMs must be from 0 to 2^31 - 1 milliseconds, got -5',
    'TypeError: start(options): timeoutMs must be a number, got string',
    'TypeError: start(options): unknown option "typo"; expected format, sections, output, timeoutMs',
    'TypeError: start(options): options must be an object, got null',
    'main: TypeError, fn ran: false',
  ]);
});

test('options: null is named as null', () => {
  assert.throws(() => checkOptions('channel', null as never, ['label']), {
    name: 'TypeError',
    message: 'channel(…, options): options must be an object, got null',
  });
});

// futureFn(fn) with monitoring on returns a new function: `load.cache`, `handler.displayName` or a
// symbol-keyed tag set on fn must still read the same through it.
test('futureFn(fn): the properties a program put on fn read the same through the wrapper', async () => {
  async function load(a: number, b: number) {
    return a + b;
  }
  const tagged = Object.assign(load, { cache: new Map([[1, 2]]), [Symbol.for('qa.meta')]: 'm' });
  const wrapped = futureFnOn(tagged, { label: 'qa-props' }, 2, null) as typeof tagged;
  assert.equal(await wrapped(1, 2), 3);
  assert.equal(wrapped.cache, tagged.cache);
  assert.equal(wrapped[Symbol.for('qa.meta')], 'm');
});
