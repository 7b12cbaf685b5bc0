import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

// Each kind, consumed each way (to the end, `break`, a source error; Node's 'data', read(), for await,
// pipe, pipeline; WHATWG reader, for await, pipeTo; RxJS take, error, two subscriptions): the program's
// full trace of source and consumer events is the same with monitoring off and on.
test('the full trace of every kind is identical off and on, and each row ends as it should', async () => {
  const [off, on] = await Promise.all([
    runScript(scenarios('stream-traces.ts')),
    runScript(scenarios('stream-traces.ts'), { HOTPATH: '1', HOTPATH_REPORT: 'off' }),
  ]);
  assert.equal(off.code, 0, off.stderr);
  assert.equal(on.code, 0, on.stderr);
  assert.ok(off.stdout.split('\n').length > 100, 'the trace is substantial');
  assert.equal(on.stdout, off.stdout);
  for (const line of ['gen-break finally', 'gen-error caught the same error', 'web-break cancel undefined']) {
    assert.ok(off.stdout.includes(`${line}\n`), line);
  }
  assert.ok(
    off.stdout.includes('flowing after wrap null\n'),
    'wrapping never switches a Readable to flowing',
  );
  const rows = JSON.parse(on.stderr) as { label: string; state: string; yielded: number }[];
  const ends = Object.fromEntries(rows.map((row) => [row.label, `${row.state} ${row.yielded}`]));
  assert.deepEqual(ends, {
    'gen-break': 'cancelled 2',
    'gen-error': 'errored 2',
    'gen-full': 'closed 3',
    iterable: 'closed 2',
    'iterable-2': 'closed 2',
    'readable-break': 'cancelled 1',
    'readable-data': 'closed 4',
    'readable-error': 'errored 2',
    'readable-iter': 'closed 4',
    'readable-pipe': 'closed 4',
    'readable-pipeline': 'closed 4',
    'readable-read': 'closed 4',
    'rx-error': 'errored 1',
    'rx-operator': 'closed 2',
    'rx-take': 'cancelled 3',
    'rx-twice': 'closed 1',
    'rx-twice-2': 'closed 1',
    'web-break': 'cancelled 2',
    'web-error': 'errored 1',
    'web-pipe': 'closed 5',
    'web-read': 'closed 5',
  });
});
