import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { MAIN, requireBuild } from '../helpers/demo.ts';

test('the demo raises channel-full on jobs and future-pending on waitForever, and nothing on its healthy rows', () => {
  requireBuild();
  const result = spawnSync(process.execPath, [MAIN, 'demo', '--seconds', '6'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      HOTPATH: undefined,
      HOTPATH_RUNTIME_INTERVAL_MS: '100',
      // Short thresholds for the two problems the demo has; the other lints at their defaults.
      HOTPATH_LINTS: 'channel-full=2s,future-pending=1s',
    },
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr);
  const section = result.stdout.split(/=== Warnings \(runtime: [\d.]+s\) ===\n\n/)[1];
  assert.ok(section !== undefined, `a Warnings section:\n${result.stdout}`);
  const lines = section.split('\n\n')[0]!.split('\n');
  const rowLints = lines.filter((line) => !line.includes('[loop-blocked]'));
  assert.deepEqual(
    rowLints.map((line) => /^ {2}⚠ \[([a-z-]+)\] (\S+)/.exec(line)?.slice(1, 3).join(' ')).sort(),
    ['channel-full producer', 'future-pending waitForever:'],
    section,
  );
  assert.match(
    section,
    /⚠ \[channel-full\] producer waits on jobs: full in \d+% of the last 2 s; its consumer is the bottleneck \(since [\d.]+s\)/,
  );
  assert.match(
    section,
    /⚠ \[future-pending\] waitForever: a call has been pending for [\d.]+ s \(since [\d.]+s\)/,
  );
  // A loop stall with jobs full is a fact of a busy machine, not a healthy row: allowed, and only as such.
  for (const line of lines.filter((l) => l.includes('[loop-blocked]')))
    assert.match(line, /the event loop was blocked for up to/);
});
