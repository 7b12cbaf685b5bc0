import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { runScript, type ScriptResult, scenarios } from './helpers/run-script.ts';

/** Runs a scenario with monitoring off and on; both must print the same program output and exit alike. */
async function offAndOn(name: string, env: Record<string, string> = {}) {
  const [off, on] = await Promise.all([
    runScript(scenarios(name), env),
    runScript(scenarios(name), { HOTPATH: '1', ...env }),
  ]);
  return { off, on, report: reportOf(off, on) };
}

/** What monitoring added: the on-run's stdout must be the off-run's plus the report, nothing else. */
function reportOf(off: ScriptResult, on: ScriptResult): string {
  assert.equal(on.code, off.code, `exit codes differ\n${on.stderr}`);
  assert.equal(on.signal, off.signal);
  assert.equal(off.stdout.includes('Statistics'), false, 'no report when monitoring is off');
  assert.ok(
    on.stdout.startsWith(off.stdout),
    `program output changed:\n--- off\n${off.stdout}\n--- on\n${on.stdout}`,
  );
  return on.stdout.slice(off.stdout.length);
}

function lineOf(name: string, marker: string): number {
  const lines = readFileSync(scenarios(name), 'utf8').split('\n');
  return lines.findIndex((line) => line.includes(marker)) + 1;
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('hotpath-rs scenarios, ported to hotpath channels', () => {
  test('basic: labels, types and a notified oneshot', async () => {
    const { off, report } = await offAndOn('basic.ts');
    assert.equal(off.code, 0);
    assert.match(report, /^=== Channel Statistics \(runtime: \d+\.\d\ds\) ===\n\nChannels:\n/);
    for (const text of ['Actor 1', 'bounded-channel', 'hello-there', 'unbounded', 'bounded[10]', 'oneshot']) {
      assert.ok(report.includes(text), `report lacks ${text}`);
    }
    assert.match(report, /\| hello-there\s+\| oneshot\s+\| notified \|\s+1 \|\s+1 \|\s+0 \|/);
    assert.match(report, /\| bounded-channel \| bounded\[10\] \| active\s+\|\s+5 \|\s+1 \|\s+4 \|/);
    assert.match(report, /\| Actor 1\s+\| unbounded\s+\| closed\s+\|\s+2 \|\s+2 \|\s+0 \|/);
  });

  test('basic_json: a derived file:line label and a custom label in pretty JSON', async () => {
    const { report } = await offAndOn('basic-json.ts');
    const line = lineOf('basic-json.ts', 'DERIVED-LABEL');
    assert.ok(report.includes(`"label": "scenarios/basic-json.ts:${line}"`), report);
    assert.ok(report.includes('"label": "hello-there"'));
    assert.equal(count(report, /"schemaVersion"/g), 1, 'the guard reports once; no second report at exit');
    const parsed = JSON.parse(report);
    assert.equal(parsed.channels.length, 2);
    assert.equal(parsed.channels[0].label, 'hello-there', 'custom labels sort first');
  });

  test('closed: the next send after the receiver closes fails at once; 2 closed, 1 notified', async () => {
    const { off, report } = await offAndOn('closed.ts');
    assert.match(off.stdout, /unbounded: send failed with ChannelClosedError true/);
    assert.match(off.stdout, /bounded: send failed with ChannelClosedError true/);
    assert.equal(count(report, /\| closed\s+\|/g), 2);
    assert.equal(count(report, /\| notified\s+\|/g), 1);
  });

  test('oneshot_closed: send fails after the receiver closed; the row is closed', async () => {
    const { off, report } = await offAndOn('oneshot-closed.ts');
    assert.match(off.stdout, /send failed: oneshot closed: the receiver was closed/);
    assert.match(report, /\| closed \|/);
    assert.ok(report.includes(`scenarios/oneshot-closed.ts:`));
  });

  test('iter: one call site numbers its instances -2, -3 (HOTPATH_REPORT_ROWS=instance)', async () => {
    const { report } = await offAndOn('iter.ts', { HOTPATH_REPORT_ROWS: 'instance' });
    const unboundedLine = lineOf('iter.ts', 'UNBOUNDED-SITE');
    const oneshotLine = lineOf('iter.ts', 'ONESHOT-SITE');
    const labels = report
      .split('\n')
      .filter((row) => row.startsWith('| ') && !row.startsWith('| Channel'))
      .map((row) => row.split('|')[1]!.trim());
    assert.deepEqual(labels, [
      'Actor 1',
      'Actor 1-2',
      'Actor 1-3',
      `scenarios/iter.ts:${unboundedLine}`,
      `scenarios/iter.ts:${unboundedLine}-2`,
      `scenarios/iter.ts:${unboundedLine}-3`,
      `scenarios/iter.ts:${oneshotLine}`,
      `scenarios/iter.ts:${oneshotLine}-2`,
      `scenarios/iter.ts:${oneshotLine}-3`,
    ]);
  });

  test('iter: by default one row per site, saying how many instances it stands for', async () => {
    const { report } = await offAndOn('iter.ts');
    const rows = report
      .split('\n')
      .filter((row) => row.startsWith('| ') && !row.startsWith('| Channel'))
      .map((row) => row.split('|').map((cell) => cell.trim()));
    assert.deepEqual(
      rows.map((cells) => cells[1]),
      [
        'Actor 1 (×3)',
        `scenarios/iter.ts:${lineOf('iter.ts', 'UNBOUNDED-SITE')} (×3)`,
        `scenarios/iter.ts:${lineOf('iter.ts', 'ONESHOT-SITE')} (×3)`,
      ],
    );
  });

  test('slow_consumer: no deadlock, all 50 messages in order', async () => {
    const { off, report } = await offAndOn('slow-consumer.ts');
    assert.equal(off.code, 0);
    const expected = Array.from({ length: 50 }, (_, i) => i).join(',');
    assert.ok(off.stdout.includes(`received ${expected}\n`));
    assert.ok(off.stdout.includes('Slow consumer example completed!'));
    assert.match(report, /\| slow-consumer \| bounded\[10\] \| closed \|\s+50 \|\s+50 \|\s+0 \|/);
  });
});

test('a log formatter or inspection that throws never reaches the program; the faults are counted', async () => {
  const { off, on, report } = await offAndOn('faulty-formatter.ts');
  assert.equal(off.stdout, 'received 1 object\n');
  assert.deepEqual(JSON.parse(on.stderr), { faults: 2 });
  assert.match(report, /\| faulty\s+\| unbounded \| active \|\s+1 \|\s+1 \|/);
  assert.match(report, /2 internal fault\(s\) were caught and ignored/);
});
