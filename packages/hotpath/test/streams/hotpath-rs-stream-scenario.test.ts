import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

describe("hotpath-rs's stream scenario, ported", () => {
  test('three labelled streams yield 5, 4 and 3 and end closed; the report shows them', async () => {
    const [off, on] = await Promise.all([
      runScript(scenarios('streams.ts')),
      runScript(scenarios('streams.ts'), { HOTPATH: '1' }),
    ]);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(on.code, 0, on.stderr);
    assert.ok(off.stdout.endsWith('Stream example completed!\n'));
    assert.ok(on.stdout.startsWith(off.stdout), 'the program prints the same');
    const report = on.stdout.slice(off.stdout.length);
    assert.match(report, /^=== Stream Statistics \(runtime: \d+\.\d\ds\) ===\n\nStreams:\n/);
    assert.match(report, /\| Stream\s+\| Kind\s+\| State\s+\| Yielded \| First item \| Items\/s \|/);
    assert.match(report, /\| number-stream \| async-iterator\s+\| closed \|\s+5 \|/);
    assert.match(report, /\| text-stream\s+\| node-readable\s+\| closed \|\s+4 \|/);
    assert.match(report, /\| repeat-stream \| rxjs-observable \| closed \|\s+3 \|/);
    assert.ok((report.match(/\| closed/g) ?? []).length >= 3);
  });

  test('/streams serves the rows and /streams/:id/logs the logged items, HOTPATH_LOGS_LIMIT of them', async () => {
    const on = await runScript(scenarios('streams.ts'), {
      HOTPATH: '1',
      HOTPATH_REPORT: 'off',
      HOTPATH_METRICS_SERVER_OFF: undefined,
      HOTPATH_METRICS_PORT: '0',
      HOTPATH_LOGS_LIMIT: '3',
      SERVE: '1',
    });
    assert.equal(on.code, 0, on.stderr);
    const served = JSON.parse(on.stderr.split('\n').find((line) => line.startsWith('{'))!);
    const rows = served.rows.streams as { label: string; yielded: number; state: string; source: string }[];
    const byLabel = Object.fromEntries(rows.map((row) => [row.label, row]));
    assert.equal(byLabel['number-stream']!.yielded, 5);
    assert.equal(byLabel['text-stream']!.yielded, 4);
    assert.equal(byLabel['repeat-stream']!.yielded, 3);
    assert.match(byLabel['number-stream']!.source, /scenarios\/streams\.ts:\d+$/);
    assert.equal(served.logsStatus, 200);
    assert.deepEqual(
      served.logs.logs.map((entry: { index: number; message: string }) => [entry.index, entry.message]),
      [
        [4, "'streams'"],
        [3, "'from'"],
        [2, "'world'"],
      ],
    );
  });
});
