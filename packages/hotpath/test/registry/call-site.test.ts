import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { captureCallSite } from '../../src/registry/call-site.ts';
import { scenarios } from '../helpers/run-script.ts';

const lineOf = (file: string | URL, marker: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(marker)) + 1;

test('captures the caller of the public function, in TypeScript lines', () => {
  function publicEntry() {
    return captureCallSite(publicEntry);
  }
  const site = publicEntry(); // THIS-LINE
  const line = lineOf(new URL(import.meta.url), '// THIS-LINE');
  assert.equal(site?.label, `registry/call-site.test.ts:${line}`);
  assert.equal(
    site?.source,
    `test/registry/call-site.test.ts:${line}`.replace(/^/, site!.source.split('test/')[0]!),
  );
});

test('the same call site resolves to the same answer every time', () => {
  const sites = [];
  function entry() {
    return captureCallSite(entry);
  }
  for (let i = 0; i < 3; i++) sites.push(entry());
  assert.deepEqual(sites[0], sites[2]);
});

test('works when the program set Error.stackTraceLimit to 0 or its own prepareStackTrace, and restores both', () => {
  const savedLimit = Error.stackTraceLimit;
  const savedPrepare = Error.prepareStackTrace;
  const custom = () => 'custom';
  Error.stackTraceLimit = 0;
  Error.prepareStackTrace = custom;
  try {
    function entry() {
      return captureCallSite(entry);
    }
    assert.match(entry()?.label ?? '', /call-site\.test\.ts:\d+$/);
    assert.equal(Error.stackTraceLimit, 0);
    assert.equal(Error.prepareStackTrace, custom);
  } finally {
    Error.stackTraceLimit = savedLimit;
    Error.prepareStackTrace = savedPrepare;
  }
});

test('plain JavaScript through the built package: the label is the JavaScript line', () => {
  const file = scenarios('plain.mjs');
  const out = execFileSync(process.execPath, [file], {
    env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'off' },
  }).toString();
  assert.deepEqual(JSON.parse(out), { label: `scenarios/plain.mjs:${lineOf(file, 'PLAIN-SITE')}`, sent: 1 });
});
