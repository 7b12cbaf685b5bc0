/**
 * `HOTPATH_AUTO=streams` with no hotpath import: every stream is counted at the line that made it (the
 * first frame outside Node's internals), whichever way through Node's constructors it was made, and
 * however many frames deep that was: the capture depth a stream class has needed so far is only a start.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ChannelRow, Snapshot } from '../../src/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, 'stream-sites.mjs');
const lineOf = (marker: string) =>
  readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(marker)) + 1;

test('each auto-instrumented stream is counted at the line that made it, however deep Node built it', () => {
  const result = spawnSync(process.execPath, ['--import', 'hotpath/register', FIXTURE], {
    cwd: join(here, '..', '..'),
    env: {
      ...process.env,
      HOTPATH: '1',
      HOTPATH_AUTO: 'streams',
      HOTPATH_METRICS_SERVER_OFF: '1',
      HOTPATH_REPORT: 'json',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr);
  const rows = (JSON.parse(result.stdout) as Snapshot).channels;
  // A row's label is the line and the stream's class: `auto/stream-sites.mjs:29 Gzip` (`-2` for a second instance).
  const classOf = (row: ChannelRow) => /^auto\/stream-sites\.mjs:\d+ (\w+)(?:-\d+)?$/.exec(row.label)?.[1];
  const onLine = (marker: string) =>
    rows.filter((row) => row.label.startsWith(`auto/stream-sites.mjs:${lineOf(marker)} `));
  const at = (marker: string) => {
    const label = `auto/stream-sites.mjs:${lineOf(marker)}`;
    const found = onLine(marker);
    assert.ok(found.length > 0, `${label} in ${[...new Set(rows.map((row) => row.label))].join(', ')}`);
    const sum = (field: 'sent' | 'received' | 'instances') =>
      found.reduce((total, row) => total + row[field], 0);
    return { instances: sum('instances'), sent: sum('sent'), received: sum('received') };
  };
  // `new Readable()` inside a helper: 3 rounds of 2 items and 3 of 1 item.
  assert.deepEqual(at('SITE-PLAIN'), { instances: 6, sent: 9, received: 9 });
  // `Readable.from()` is two frames deeper in Node than `new Readable()`, made after it: 3 × 3 items.
  assert.deepEqual(at('SITE-FROM'), { instances: 3, sent: 9, received: 9 });
  // A program's own Transform subclass: its `super()` line is the first frame outside Node.
  assert.deepEqual(at('SITE-UPPER'), { instances: 3, sent: 9, received: 9 });
  assert.deepEqual(at('SITE-PASS'), { instances: 3, sent: 3, received: 3 });
  assert.deepEqual(at('SITE-SINK'), { instances: 9, sent: 18, received: 18 });
  // zlib builds its stream five constructors deep: still the program's line.
  assert.equal(at('SITE-GZIP').instances, 3, 'the source, the gzip stream and the PassThrough');
  // Three streams made on one line are three rows, one per class, each counting its own stream.
  const gzipLine = onLine('SITE-GZIP');
  assert.deepEqual(gzipLine.map((row) => [classOf(row), row.instances]).sort(), [
    ['Gzip', 1],
    ['PassThrough', 1],
    ['Readable', 1],
  ]);
  const sentTo = (kind: string) => gzipLine.find((row) => classOf(row) === kind)?.sent;
  assert.deepEqual([sentTo('Readable'), sentTo('Gzip')], [1, 1], 'one buffer pushed, one written');
  assert.ok((sentTo('PassThrough') ?? 0) >= 1, 'the gzipped bytes');
  assert.deepEqual(
    [...new Set(onLine('SITE-SINK').map(classOf))],
    [onLine('SITE-SINK').map(classOf)[0]],
    'streams of one class on one line stay one row',
  );
  const unexpected = rows.filter((row: ChannelRow) => classOf(row) === undefined);
  assert.deepEqual(
    unexpected.map((row) => row.label),
    [],
    'no stream of Node’s own, none of hotpath’s',
  );
});
