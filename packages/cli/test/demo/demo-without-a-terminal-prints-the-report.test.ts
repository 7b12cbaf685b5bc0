import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { MAIN, requireBuild } from '../helpers/demo.ts';

test('hotpath demo without a terminal runs for --seconds, prints the report and exits 0', () => {
  requireBuild();
  const started = Date.now();
  const result = spawnSync(process.execPath, [MAIN, 'demo', '--seconds', '2'], {
    encoding: 'utf8',
    env: { ...process.env, HOTPATH: undefined },
    timeout: 15_000,
  });
  const elapsed = Date.now() - started;
  assert.equal(result.status, 0, result.stderr);
  assert.ok(elapsed >= 2000 && elapsed < 10_000, `ran ${elapsed} ms`);
  assert.match(result.stdout, /=== Channel Statistics \(runtime: [\d.]+s\) ===/);
  assert.match(
    result.stdout,
    /\| jobs\s+\| bounded\[8\]\s+\| full\s+\|/,
    'the slow consumer keeps jobs full',
  );
  assert.match(result.stdout, /\| events\s+\| unbounded\s+\| active/);
  // One request a second: the row reads `reply` or `reply (×2)` by when the run ends.
  assert.match(result.stdout, /\| reply(?: \(×\d+\))?\s+\| oneshot/);
  assert.match(result.stdout, /\| access-log\s+\| node-readable\s+\| active/);
  assert.match(result.stdout, /\| prices\s+\| web-readable\s+\| active/);
  assert.match(result.stdout, /\| sensor-readings\s+\| async-iterator\s+\| active/);
  assert.match(result.stdout, /\| chargeCard\s+\|\s+\d+\s+\|/);
  assert.match(result.stdout, /\| waitForever\s+\|\s+1\s+\|\s+1\s+\|/, 'the hanging future is still pending');
  assert.equal(result.stdout.match(/Channel Statistics/g)?.length, 1, 'one report, not two');
  assert.match(result.stderr, /\[hotpath\] metrics server listening on http:\/\/127\.0\.0\.1:\d+/);
  assert.doesNotMatch(result.stderr, /Warning|Error/);
});

test('usage errors exit 2 and say what is wrong; help exits 0', () => {
  requireBuild();
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 10_000 });
  const bad = run('console', '--port', 'eighty');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--port must be an integer from 1 to 65535, got "eighty"/);
  assert.match(run('consol').stderr, /unknown command "consol"/);
  assert.match(run('demo', '--colour', 'x').stderr, /unknown option --colour/);
  const help = run('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /hotpath console \[--host H\] \[--port P\] \[--refresh-ms N\]/);
});

test('hotpath console without a terminal refuses with a hint instead of drawing into a pipe', () => {
  requireBuild();
  const result = spawnSync(process.execPath, [MAIN, 'console', '--port', '1'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /the console needs a terminal/);
});
