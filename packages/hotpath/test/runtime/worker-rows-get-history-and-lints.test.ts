/**
 * Rows of worker threads get what the main thread's rows get: a history, and lints judged on it (by the
 * worker's own engine, on its own tick), published to the main thread with ids that stay unique across
 * threads and match the rows of the same snapshot. Thresholds are short (HOTPATH_LINTS); the waits count
 * ticks, not wall time.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { ChannelRow, Lint, Snapshot } from 'hotpath';
import { runScript, scenarios } from '../helpers/run-script.ts';

const ENV = {
  HOTPATH: '1',
  HOTPATH_REPORT: 'off',
  HOTPATH_RUNTIME_INTERVAL_MS: '50',
  HOTPATH_LINTS: 'channel-full=600ms,loop-blocked=150ms',
};

let ids: number[] = [];
let ever: string[] = [];
let snap: Snapshot;
let sites: Snapshot;
let after: Lint[];

before(async () => {
  const run = await runScript(scenarios('runtime/worker-lints.ts'), ENV, { timeoutMs: 120_000 });
  assert.equal(run.code, 0, run.stderr);
  const [first, second] = run.stdout.trim().split('\n');
  ({ ids, ever, snapshot: snap, sites } = JSON.parse(first!));
  ({ after } = JSON.parse(second!));
});

const workerRow = (id: number, label: string) =>
  snap.channels.find((row: ChannelRow) => row.threadId === id && row.label === label)!;

test('each worker’s jobs row has a history and raises channel-full, with its thread id and its row’s id', () => {
  const lints = snap.lints!.filter((l) => l.lint === 'channel-full' && l.label === 'jobs');
  assert.deepEqual(lints.map((l) => l.threadId).sort(), [...ids].sort());
  for (const id of ids) {
    const row = workerRow(id, 'jobs');
    assert.ok((row.history?.queued?.length ?? 0) >= 10, 'the worker row carries its history');
    const lint = lints.find((l) => l.threadId === id)!;
    assert.equal(lint.rowId, row.id, 'the lint names the row as the snapshot lists it');
    assert.ok(lint.since <= snap.elapsedMs && lint.since > 0, `since ${lint.since} on the main clock`);
  }
  const rowIds = snap.channels.map((row) => row.id);
  assert.equal(new Set(rowIds).size, rowIds.length, 'row ids unique across threads');
});

test('per site: the worker’s site row carries the lint under the site row’s id', () => {
  for (const id of ids) {
    const site = sites.channels.find((row) => row.threadId === id && row.label === 'jobs')!;
    const lint = sites.lints!.find((l) => l.lint === 'channel-full' && l.threadId === id)!;
    assert.equal(lint.rowId, site.id);
  }
});

test('the worker that blocked its loop raises loop-blocked on its own loop, named and numbered as that thread', () => {
  assert.ok(ever.includes(`${ids[1]}:worker ${ids[1]} event loop:loop-blocked`), ever.join(', '));
  // Whatever thread a loop lint is about (a loaded machine may stall any), its label and id say which.
  for (const lint of snap.lints!.filter((l) => l.lint === 'loop-blocked')) {
    if (lint.threadId === undefined) assert.deepEqual([lint.rowId, lint.label], [0, 'event loop']);
    else
      assert.deepEqual(
        [lint.rowId, lint.label],
        [lint.threadId * 2 ** 32, `worker ${lint.threadId} event loop`],
      );
  }
});

test('healthy worker rows raise nothing; an exited worker’s lints are gone', () => {
  assert.ok(!ever.some((e) => e.includes(':healthy:')), ever.join(', '));
  assert.deepEqual(
    after.filter((l) => l.threadId !== undefined),
    [],
  );
});
