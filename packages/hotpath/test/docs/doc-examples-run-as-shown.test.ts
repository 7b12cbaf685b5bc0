import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  docFiles,
  envFor,
  expectedContent,
  findBlocks,
  runExample,
  strayMarkers,
} from '../../../../scripts/docs/blocks.mjs';
import { readDoc, repoRoot } from './markdown.ts';

const examples = readdirSync(`${repoRoot}examples`)
  .filter((name) => /\.(js|ts)$/.test(name))
  .map((name) => `examples/${name}`)
  .sort();
const blocks = docFiles(repoRoot).flatMap((file) => {
  const markdown = readDoc(file);
  assert.equal(strayMarkers(markdown), 0, `${file}: a <!-- example/output --> marker without a fenced block`);
  return findBlocks(markdown).map((block) => ({ ...block, file }));
});
const run = (path: string, env: Record<string, string | undefined>) => runExample(repoRoot, path, env);
const off = (path: string) => run(path, envFor('output'));
const on = (path: string, report: 'off' | 'json' | 'table' = 'off') =>
  run(path, { ...envFor('report'), HOTPATH_REPORT: report });

/** A report table's rows as {header: cell}, for the columns whose values do not depend on timing. */
function tableRows(report: string): Record<string, string>[] {
  const COUNTS =
    /^(Channel|Type|State|Sent|Received|Queued|Stream|Kind|Yielded|Future|Calls|Pending|Resolved|Rejected|Cancelled)$/;
  const rows: Record<string, string>[] = [];
  let headers: string[] = [];
  for (const line of report.split('\n')) {
    if (!line.startsWith('| ')) {
      if (!line.startsWith('+')) headers = [];
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (headers.length === 0) headers = cells;
    else
      rows.push(Object.fromEntries(headers.map((h, i) => [h, cells[i]!]).filter(([h]) => COUNTS.test(h!))));
  }
  return rows;
}

/** The JSON exit report: the last line of stdout. */
const jsonReport = (stdout: string) => JSON.parse(stdout.trimEnd().split('\n').at(-1)!);

describe('the docs show the examples as they are', () => {
  test('every file in examples/ is shown by a page', () => {
    const shown = new Set(blocks.filter((b) => b.kind === 'example').map((b) => b.path));
    assert.deepEqual(
      examples.filter((path) => !shown.has(path)),
      [],
    );
    assert.ok(shown.size >= 6);
  });

  for (const block of blocks.filter((b) => b.kind !== 'report')) {
    test(`${block.file}: the ${block.kind} block of ${block.path}`, async () => {
      assert.equal(
        block.content,
        await expectedContent(repoRoot, block),
        'run node scripts/sync-examples.mjs',
      );
    });
  }

  for (const block of blocks.filter((b) => b.kind === 'report')) {
    test(`${block.file}: the report of ${block.path} has the counts a run gives`, async () => {
      const shown = tableRows(block.content);
      assert.ok(shown.length > 0, 'the block holds report tables');
      assert.deepEqual(tableRows(await on(block.path, 'table')), shown);
    });
  }
});

describe('each example behaves the same off and on, and its report counts what it did', () => {
  for (const path of [
    'examples/wrap.js',
    'examples/channels.js',
    'examples/streams.js',
    'examples/futures.ts',
  ]) {
    test(`${path}: the same output with monitoring off and on`, async () => {
      const [quiet, monitored] = await Promise.all([off(path), on(path)]);
      assert.ok(quiet.length > 0);
      assert.equal(monitored, quiet);
    });
  }

  test('examples/streams.js: one closed row per source, every item counted', async () => {
    const { streams } = jsonReport(await on('examples/streams.js', 'json'));
    const rows = streams.map(
      (s: any) => `${s.label.replace(/:\d+$/, ':N')} ${s.kind} ${s.state} ${s.yielded}`,
    );
    assert.deepEqual(rows.sort(), [
      'body web-readable closed 1',
      'clicks rxjs-observable closed 2',
      'examples/streams.js:N node-readable closed 2',
      'rows async-iterator closed 3',
      'ticks rxjs-observable closed 2',
    ]);
  });

  test('examples/futures.ts: calls per site, the aborted one cancelled', async () => {
    const { futures } = jsonReport(await on('examples/futures.ts', 'json'));
    const rows = futures.map(
      (f: any) =>
        `${f.label.replace(/^examples\/futures\.ts:\d+$/, 'line')} ${f.calls}/${f.resolved}/${f.cancelled}`,
    );
    assert.deepEqual(rows.sort(), [
      'Repo.save 1/1/0',
      'fetch-user 1/1/0',
      'line 1/0/1',
      'line 1/1/0',
      'line 1/1/0',
      'line 2/2/0',
    ]);
  });

  test('examples/reports.js: main() reports the channel, the guard only the sections asked for', async () => {
    assert.equal(await off('examples/reports.js'), 'abc\nenabled false channels in the snapshot 0\n');
    const stdout = await on('examples/reports.js');
    assert.match(stdout, /^abc\n=== Channel Statistics/);
    assert.match(stdout, /\| letters \| unbounded \| closed \| +3 \| +3 \| +0 \|/);
    assert.match(stdout, /report keys schemaVersion, pid, elapsedMs, channels, /);
    assert.match(stdout, /enabled true channels in the snapshot 1\n$/);
  });

  test('examples/server.js: without monitoring there is no server to ask', async () => {
    assert.equal(await off('examples/server.js'), 'no metrics server (run with HOTPATH=1)\n');
  });
});
