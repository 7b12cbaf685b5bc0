import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Snapshot } from 'hotpath';
import { readRecording } from 'hotpath/recording';
import { hotpath, runScenario, scratch } from '../helpers/recording.ts';

const dir = scratch();

/** What must be equal between two reports of one run: every row's identity and exact totals. */
function totals(snapshot: Snapshot) {
  return {
    channels: snapshot.channels.map((r) => [r.label, r.state, r.sent, r.received, r.queued]),
    sites: snapshot.sites?.channels.map((r) => [r.label, r.instances, r.sent, r.received]),
    futures: snapshot.futures.map((r) => [r.label, r.calls, r.resolved, r.rejected, r.pending]),
    gauges: (snapshot.gauges ?? []).map((r) => [r.label, r.value, r.updates]),
    faults: snapshot.faults,
  };
}

test('hotpath report of a full recording has the same rows and totals as the JSON exit report', async () => {
  const file = join(dir, 'full.hotpath.gz');
  const run = await runScenario({
    ITEMS: '12',
    CONSUMER_MS: '5',
    HOTPATH_REPORT: 'json',
    HOTPATH_RECORD: file,
    HOTPATH_RECORD_INTERVAL_MS: '50',
  });
  assert.equal(run.code, 0, run.stderr);
  const exitReport = JSON.parse(run.stdout) as Snapshot;
  assert.equal(exitReport.futures.find((r) => r.label === 'consume')?.calls, 12);

  const recording = readRecording(readFileSync(file));
  assert.equal(recording.complete, true, 'the last frame is the one written at exit');
  assert.equal(recording.truncated, false);
  assert.equal(recording.header?.pid, exitReport.pid);

  const report = await hotpath('report', file, '--format', 'json');
  assert.equal(report.code, 0, report.stderr);
  assert.deepEqual(totals(JSON.parse(report.stdout) as Snapshot), totals(exitReport));

  const table = await hotpath('report', file);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /=== Channel Statistics/);
  assert.match(table.stdout, /\| jobs +\| bounded\[4\] +\| closed +\| +12 \| +12 \|/);
  assert.doesNotMatch(table.stdout, /ends before the program did/);

  const markdown = await hotpath('report', file, '--format', 'markdown');
  assert.match(markdown.stdout, /^### Channel Statistics/m);
  assert.match(markdown.stdout, /^\| jobs \| bounded\[4\] \| closed \| 12 \| 12 \|/m);
});

test('a JSON exit report reads as a recording of one frame', async () => {
  const run = await runScenario({ ITEMS: '5', CONSUMER_MS: '1', HOTPATH_REPORT: 'json' });
  const file = join(dir, 'report.json');
  // Mixed with the program's own output, as `node app.js > out.txt` leaves it.
  (await import('node:fs')).writeFileSync(file, `starting\n${run.stdout}bye\n`);
  const report = await hotpath('report', file, '--format', 'json');
  assert.equal(report.code, 0, report.stderr);
  assert.deepEqual(totals(JSON.parse(report.stdout) as Snapshot), totals(JSON.parse(run.stdout)));
});

test('recording off: HOTPATH_RECORD without HOTPATH writes no file', async () => {
  const file = join(dir, 'never.gz');
  const run = await runScenario({ HOTPATH: '0', ITEMS: '3', CONSUMER_MS: '1', HOTPATH_RECORD: file });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(existsSync(file), false);
});

test('the size cap stops the recording with a note, and the file stays readable', async () => {
  const file = join(dir, 'capped.gz');
  const run = await runScenario({
    ITEMS: '400',
    CONSUMER_MS: '1',
    HOTPATH_RECORD: file,
    HOTPATH_RECORD_INTERVAL_MS: '50',
    HOTPATH_RECORD_MAX_MB: '0.004',
    HOTPATH_REPORT: 'off',
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /HOTPATH_RECORD_MAX_MB=0\.004/);
  assert.ok(statSync(file).size <= 0.004 * 1024 * 1024, `${statSync(file).size} bytes`);
  const recording = readRecording(readFileSync(file));
  assert.equal(recording.complete, false);
  assert.equal(recording.notes.length, 1);
  assert.match(recording.notes[0]!.message, /recording stopped/);
  const report = await hotpath('report', file);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /\[hotpath\] recording stopped/);
});

test('a file that is neither a recording nor a report: status 2 and a message naming it', async () => {
  const file = join(dir, 'notes.txt');
  (await import('node:fs')).writeFileSync(file, 'hello\n');
  const report = await hotpath('report', file);
  assert.equal(report.code, 2);
  assert.match(report.stderr, /notes\.txt is neither a hotpath recording/);
  const missing = await hotpath('report', join(dir, 'missing.gz'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing\.gz: no such file/);
});
