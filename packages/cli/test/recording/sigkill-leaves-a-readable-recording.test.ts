import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Snapshot } from 'hotpath';
import { readRecording } from 'hotpath/recording';
import { collect, hotpath, RECORD_SCENARIO, scenarioEnv, scratch } from '../helpers/recording.ts';
import { waitFor } from '../helpers/wait.ts';

const dir = scratch();

function framesIn(file: string): number {
  try {
    return readRecording(readFileSync(file)).frames.length;
  } catch {
    return 0;
  }
}

test('a recording killed with SIGKILL reads up to its last complete frame, and the report shows it', async () => {
  const file = join(dir, 'killed.hotpath.gz');
  const child = spawn(process.execPath, ['--import', 'tsx', RECORD_SCENARIO], {
    env: scenarioEnv({
      ITEMS: 'forever',
      CONSUMER_MS: '2',
      HOTPATH_RECORD: file,
      HOTPATH_RECORD_INTERVAL_MS: '50',
      HOTPATH_REPORT: 'json',
    }),
  });
  const finished = collect(child);
  await waitFor('eight frames on disk', () => framesIn(file) >= 8, 30_000);
  child.kill('SIGKILL');
  const run = await finished;
  assert.equal(run.signal, 'SIGKILL');
  assert.equal(run.stdout, '', 'no exit report: the process never got to write one');

  const recording = readRecording(readFileSync(file));
  assert.equal(recording.complete, false);
  assert.ok(recording.frames.length >= 8);
  const last = recording.lastSnapshot();
  const jobs = last.channels.find((row) => row.label === 'jobs')!;
  assert.ok(jobs.sent > 0);

  const report = await hotpath('report', file, '--format', 'json');
  assert.equal(report.code, 0, report.stderr);
  const fromReport = JSON.parse(report.stdout) as Snapshot;
  assert.deepEqual(
    fromReport.channels.map((row) => [row.label, row.sent, row.received, row.queued]),
    last.channels.map((row) => [row.label, row.sent, row.received, row.queued]),
  );
  assert.deepEqual(
    fromReport.futures.map((row) => [row.label, row.calls, row.resolved]),
    last.futures.map((row) => [row.label, row.calls, row.resolved]),
  );
  const table = await hotpath('report', file);
  assert.match(table.stdout, /ends before the program did/);

  // Killed in the middle of writing a frame: that frame is lost, every one before it reads.
  const cut = join(dir, 'cut.hotpath.gz');
  writeFileSync(cut, readFileSync(file));
  const before = readRecording(readFileSync(cut)).frames.length;
  truncateSync(cut, statSync(cut).size - 40);
  const shortened = readRecording(readFileSync(cut));
  assert.equal(shortened.frames.length, before - 1);
  assert.equal(shortened.truncated, true);
  const again = await hotpath('report', cut, '--format', 'json');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /"label":"jobs"/);
});
