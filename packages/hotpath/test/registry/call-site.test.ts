import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { captureCallSite, parseFrame } from '../../src/registry/call-site.ts';

test('parses the frame shapes V8 prints', () => {
  const cwd = process.cwd();
  assert.deepEqual(parseFrame(`    at main (${cwd}/examples/pipeline.ts:42:13)`), {
    source: 'examples/pipeline.ts:42',
    label: 'examples/pipeline.ts:42',
  });
  assert.deepEqual(parseFrame('    at file:///srv/app/src/queue/jobs.ts:7:1'), {
    source: '/srv/app/src/queue/jobs.ts:7',
    label: 'queue/jobs.ts:7',
  });
  assert.deepEqual(parseFrame('    at async Promise.all (index 0)'), null);
  assert.equal(parseFrame('    at node:internal/process/task_queues:95:5'), null);
  assert.equal(parseFrame('garbage'), null);
});

test('captures the caller of the public function, in TypeScript lines', () => {
  function publicEntry() {
    return captureCallSite(publicEntry);
  }
  const site = publicEntry(); // THIS-LINE
  const line =
    readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('// THIS-LINE')) + 1;
  assert.equal(site?.label, `registry/call-site.test.ts:${line}`);
});

test('works even when the program set Error.stackTraceLimit to 0, and restores it', () => {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    function entry() {
      return captureCallSite(entry);
    }
    assert.match(entry()?.label ?? '', /call-site\.test\.ts:\d+$/);
    assert.equal(Error.stackTraceLimit, 0);
  } finally {
    Error.stackTraceLimit = saved;
  }
});
