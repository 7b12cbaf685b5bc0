/**
 * `loop-blocked` names the program, never the machine: a process the OS does not run for a while (here
 * stopped with SIGSTOP, then resumed) sees its loop late by as much, but burnt no CPU meanwhile, so nothing
 * is raised; the same process blocking its own loop afterwards raises it. Thresholds are loose (a stall of
 * 150 ms counts; the stop lasts 400 ms and the block 400 ms) and the waits count ticks, not wall time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programBlocked } from '../../src/lints/loop-lint.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';

const ENV = {
  HOTPATH: '1',
  HOTPATH_REPORT: 'off',
  HOTPATH_RUNTIME_INTERVAL_MS: '50',
  HOTPATH_LINTS: 'loop-blocked=150ms',
};

test('a stopped process (SIGSTOP for 400 ms) raises no loop-blocked; its own busy loop then does', async () => {
  const run = await runScript(scenarios('lints/loop-stopped.ts'), ENV, {
    timeoutMs: 120_000,
    onSpawn: (child) => {
      let seen = '';
      const onData = (chunk: Buffer | string) => {
        seen += chunk.toString();
        if (!seen.includes('ready\n')) return;
        child.stdout!.off('data', onData);
        child.kill('SIGSTOP');
        setTimeout(() => child.kill('SIGCONT'), 400);
      };
      child.stdout!.on('data', onData);
    },
  });
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const extra = lines.find((line) => 'quiet' in line);
  const seen = lines.find((line) => 'ever' in line);
  // The stop really stalled the loop past the threshold, and the process burnt almost no CPU in it.
  assert.ok(extra.stopped.durationMs >= 150, `stall of ${extra.stopped.durationMs} ms`);
  assert.ok(extra.stopped.cpuMs < extra.stopped.durationMs / 2, JSON.stringify(extra.stopped));
  assert.equal(extra.quiet, 0, 'nothing raised for the stop');
  assert.ok(
    seen.atEnd.some((lint: { lint: string }) => lint.lint === 'loop-blocked'),
    'raised for the busy loop',
  );
});

test('the rule: CPU time and a busy loop for at least half the stall (up to the threshold) make it the program’s', () => {
  assert.equal(programBlocked({ atMs: 0, durationMs: 400, cpuMs: 390 }, 100), true);
  // A loaded machine gave the busy program a fraction of the CPU: still its own doing.
  assert.equal(programBlocked({ atMs: 0, durationMs: 800, cpuMs: 60 }, 100), true);
  assert.equal(programBlocked({ atMs: 0, durationMs: 400, cpuMs: 3 }, 100), false);
  assert.equal(programBlocked({ atMs: 0, durationMs: 400, cpuMs: 40 }, 100), false);
  // Another thread burnt the CPU while this one waited for events (the OS did not run it): not its own.
  assert.equal(programBlocked({ atMs: 0, durationMs: 400, cpuMs: 400, activeMs: 5 }, 100), false);
  assert.equal(programBlocked({ atMs: 0, durationMs: 400, cpuMs: 400, activeMs: 390 }, 100), true);
  // A stall listed without these figures (an older snapshot, a recorded replay) is judged as before.
  assert.equal(programBlocked({ atMs: 0, durationMs: 400 }, 100), true);
});
