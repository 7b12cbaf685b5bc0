import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { hotpath, runScenario, scratch } from '../helpers/recording.ts';

const dir = scratch();
const files = {
  baseReport: join(dir, 'base.json'),
  headReport: join(dir, 'head.json'),
  baseRecording: join(dir, 'base.hotpath.gz'),
  headRecording: join(dir, 'head.hotpath.gz'),
};

/**
 * One run of the pipeline: 8 items through a consumer that sleeps CONSUMER_MS each. Timers only ever
 * fire late, so the slow run's durations are at least 600 ms while the fast one's are 50 ms plus
 * lateness: the +50% rule trips unless lateness exceeds 350 ms. (With 100 ms against 200 ms, a machine at
 * load 14 once made the fast run's p95 368 ms.)
 */
async function record(consumerMs: number, report: string, recording: string): Promise<void> {
  const run = await runScenario({
    ITEMS: '8',
    CONSUMER_MS: String(consumerMs),
    HOTPATH_REPORT: 'json',
    HOTPATH_RECORD: recording,
    HOTPATH_RECORD_INTERVAL_MS: '200',
  });
  assert.equal(run.code, 0, run.stderr);
  writeFileSync(report, run.stdout);
}

before(async () => {
  await Promise.all([
    record(50, files.baseReport, files.baseRecording),
    record(600, files.headReport, files.headRecording),
  ]);
});

test('compare flags the consumer made 2x slower and exits 1 with --fail-on p95+50%', async () => {
  const result = await hotpath('compare', files.baseReport, files.headReport, '--fail-on', 'p95+50%');
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /future consume: p95 [\d.]+ ms → [\d.]+ ms \(\+\d+(\.\d)?%\) trips p95\+50%/);
  assert.match(result.stdout, /\| future \(duration\) +\| consume +\|/);
  assert.match(result.stdout, /⚠/);
  // Same number of items: no count rule trips.
  const counts = await hotpath('compare', files.baseReport, files.headReport, '--fail-on', 'calls-10%');
  assert.equal(counts.code, 0, counts.stdout);
  assert.match(counts.stdout, /No regression past calls-10%/);
});

test('compare reads recordings too; a faster head passes; markdown is a pull-request table', async () => {
  const faster = await hotpath(
    'compare',
    files.headRecording,
    files.baseRecording,
    '--fail-on',
    'p95+50%',
    '--format',
    'markdown',
  );
  assert.equal(faster.code, 0, faster.stdout + faster.stderr);
  assert.match(faster.stdout, /^### hotpath compare: /m);
  assert.match(faster.stdout, /^\| Kind \| Site \| Count \| Rate \| Errors \| p50 \| p95 \| p99 \|$/m);
  assert.match(faster.stdout, /^\| future \(duration\) \| consume \| 8 → 8 \(±0%\) \|/m);
  const slower = await hotpath('compare', files.baseRecording, files.headRecording, '--format', 'markdown');
  // Without --fail-on the marks show, but the build is not failed.
  assert.equal(slower.code, 0);
  assert.match(slower.stdout, /\*\*[^*]+\*\* ⚠/);
});

test('a bad --fail-on rule: status 2 and the rule named', async () => {
  const result = await hotpath('compare', files.baseReport, files.headReport, '--fail-on', 'p95 up a lot');
  assert.equal(result.code, 2);
  assert.match(result.stderr, /"p95 up a lot" is not a rule like p95\+20%/);
});
