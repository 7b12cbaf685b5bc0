import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readRecording } from 'hotpath/recording';
import { parseArgs } from '../../src/args.ts';
import { hotpath, scratch } from '../helpers/recording.ts';

const FLOW = fileURLToPath(new URL('../fixtures/run/flow.mjs', import.meta.url));

test('hotpath run --record FILE: the program, unchanged in code, leaves a recording its report reads', async () => {
  const file = join(scratch(), 'run.hotpath.gz');
  const run = await hotpath('run', '--no-console', '--record', file, '--', process.execPath, FLOW);
  assert.equal(run.code, 7, 'the program’s own exit code passes through');
  const recording = readRecording(readFileSync(file));
  assert.equal(recording.complete, true);
  const last = recording.lastSnapshot();
  assert.ok(
    last.futures.some((row) => row.calls > 0),
    'the HTTP calls of the program are rows of the recording',
  );
  const report = await hotpath('report', file);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /=== Future Statistics/);
});

test('--record needs a file and goes before --', () => {
  const args = parseArgs(['run', '--record=out.gz', '--', 'node', 'app.js', '--record', 'x'], {});
  assert.equal(args.command === 'run' && args.record, 'out.gz');
  assert.deepEqual(args.command === 'run' && args.argv, ['node', 'app.js', '--record', 'x']);
  assert.throws(() => parseArgs(['run', '--record'], {}), /--record needs a file/);
});
