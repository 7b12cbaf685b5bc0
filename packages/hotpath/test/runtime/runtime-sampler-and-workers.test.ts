import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChannelRow, RuntimeStats, Snapshot } from 'hotpath';
import { runScript, scenarios } from '../helpers/run-script.ts';

const on = { HOTPATH: '1', HOTPATH_REPORT: 'off' };

describe('worker threads in the main thread’s view', () => {
  test('two workers × 1,000 sends: both rows in the snapshot with exact counts and thread ids', async () => {
    const result = await runScript(scenarios('runtime/two-workers.ts'), on, { args: ['--snapshot'] });
    assert.equal(result.code, 0, result.stderr);
    const [idsLine, snapshotLine] = result.stdout.trimEnd().split('\n');
    const { ids } = JSON.parse(idsLine!) as { ids: number[] };
    const snapshot = JSON.parse(snapshotLine!) as Snapshot;
    const workerRows = snapshot.channels.filter((row: ChannelRow) => row.label === 'worker-work');
    assert.deepEqual(workerRows.map((row) => row.threadId).sort(), [...ids].sort());
    for (const row of workerRows) {
      assert.equal(row.sent, 1000);
      assert.equal(row.received, 1000);
      assert.equal(row.state, 'closed', 'the final flush at worker exit arrived');
    }
    const main = snapshot.channels.find((row) => row.label === 'main-work')!;
    assert.equal(main.threadId, undefined, 'main-thread rows carry no thread id');
    assert.equal(new Set(snapshot.channels.map((row) => row.id)).size, 3, 'row ids stay unique');
    const threads = snapshot.runtime!.threads;
    assert.deepEqual(
      threads.map((thread) => thread.threadId),
      [0, ...[...ids].sort()],
    );
    assert.ok(threads.slice(1).every((thread) => !thread.alive && thread.monitored && thread.heap));
  });

  test('the JSON report at exit holds both workers’ final rows; workers print no report of their own', async () => {
    const result = await runScript(scenarios('runtime/two-workers.ts'), {
      HOTPATH: '1',
      HOTPATH_REPORT: 'json',
    });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, 'one line of ids, one report: none from the workers');
    const { ids } = JSON.parse(lines[0]!) as { ids: number[] };
    const report = JSON.parse(lines[1]!) as Snapshot;
    const sent = Object.fromEntries(
      report.channels.filter((row) => row.threadId !== undefined).map((row) => [row.threadId, row.sent]),
    );
    assert.deepEqual(sent, Object.fromEntries(ids.map((id) => [id, 1000])));
  });

  test('the table report shows a Thread column once a worker has rows', async () => {
    const result = await runScript(scenarios('runtime/two-workers.ts'), { HOTPATH: '1' });
    assert.equal(result.code, 0, result.stderr);
    const { ids } = JSON.parse(result.stdout.split('\n')[0]!) as { ids: number[] };
    assert.match(result.stdout, /\| Channel +\| Thread \|/);
    for (const id of ids)
      assert.match(result.stdout, new RegExp(`\\| worker-work +\\| +${id} \\| .*\\| +1000 \\|`));
    assert.match(result.stdout, /=== Runtime /);
    assert.match(result.stdout, /worker \d+ \(exited\)/);
  });
});

describe('runtime sampler', () => {
  test('a 300 ms busy loop is a stall of at least 250 ms and shows in delayMaxMs', async () => {
    const result = await runScript(scenarios('runtime/busy-loop.ts'), on);
    assert.equal(result.code, 0, result.stderr);
    const runtime = JSON.parse(result.stdout) as RuntimeStats;
    const longest = Math.max(...runtime.stalls.map((stall) => stall.durationMs));
    assert.ok(longest >= 250 && longest < 1000, `longest stall ${longest} ms`);
    assert.ok(runtime.stallCount >= 1);
    assert.ok(runtime.eventLoop.delayMaxMs! >= 250, `delayMaxMs ${runtime.eventLoop.delayMaxMs}`);
    const stall = runtime.stalls.find((s) => s.durationMs === longest)!;
    assert.ok(stall.atMs > 0);
    assert.ok(runtime.heap.usedBytes > 0 && runtime.heap.limitBytes >= runtime.heap.totalBytes);
    assert.ok(runtime.rssBytes > runtime.heap.usedBytes);
    assert.equal(runtime.threads[0]!.name, 'main');
  });

  test('monitoring off: no sampler, no handles; on: the sampler runs and adds no handle that holds the process', async () => {
    const file = scenarios('runtime/handles.ts');
    const [off, onResult] = await Promise.all([runScript(file), runScript(file, on)]);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(onResult.code, 0, onResult.stderr);
    const offState = JSON.parse(off.stdout);
    const onState = JSON.parse(onResult.stdout);
    assert.deepEqual([offState.enabled, offState.sampler], [false, false]);
    assert.deepEqual([onState.enabled, onState.sampler], [true, true]);
    assert.deepEqual(
      onState.resources,
      offState.resources,
      'unref’d timers and channel are not active resources',
    );
  });
});

test('a worker without hotpath (eval: true) appears in threads only, its utilisation measured from the main thread', async () => {
  const result = await runScript(scenarios('runtime/eval-worker.ts'), {
    ...on,
    HOTPATH_RUNTIME_INTERVAL_MS: '200',
  });
  assert.equal(result.code, 0, result.stderr);
  const { threadId, threads, channels } = JSON.parse(result.stdout);
  assert.equal(channels, 1, 'no rows from the worker');
  const thread = threads.find((t: { threadId: number }) => t.threadId === threadId);
  assert.ok(thread, `thread ${threadId} in ${JSON.stringify(threads)}`);
  assert.equal(thread.monitored, false);
  assert.equal(thread.alive, false);
  assert.equal(thread.heap, undefined);
  assert.ok(thread.eventLoop.utilization > 0.5, `a busy worker: ${thread.eventLoop.utilization}`);
});
