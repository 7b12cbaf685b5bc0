// Two workers with an unhealthy `jobs` and a healthy row each; the second also blocks its loop. Waits
// (counting the main thread's lints, never wall time) until both workers' `jobs` and the second's loop are
// raised and 40 more ticks have passed, prints that snapshot, then terminates the workers and prints the
// lints left.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { channel, type Lint, snapshot } from '../../../src/index.ts';
import { unbounded } from '../../../src/primitives/index.ts';
import { takeSnapshot } from '../../../src/registry/snapshot.ts';

const file = new URL('./lints-worker.mjs', import.meta.url);
const workers = [new Worker(file), new Worker(file, { workerData: { block: true } })];
const ids = workers.map((worker) => worker.threadId);
// A row of the main thread's own, whose history counts the ticks.
const [tx, rx] = channel(unbounded<number>(), { label: 'main-clock' });
tx.send(1);
const ticks = () =>
  snapshot().channels.find((row) => row.label === 'main-clock')?.history?.queued?.length ?? 0;
const ever = new Set<string>();
const done = (lints: Lint[]) =>
  ids.every((id) => lints.some((l) => l.lint === 'channel-full' && l.threadId === id)) &&
  lints.some((l) => l.lint === 'loop-blocked' && l.threadId === ids[1]);
let reached = -1;
for (;;) {
  const snap = snapshot();
  for (const lint of snap.lints ?? []) ever.add(`${lint.threadId ?? 0}:${lint.label}:${lint.lint}`);
  const t = ticks();
  if (reached < 0 && done(snap.lints ?? [])) reached = t;
  if (reached >= 0 && t >= Math.min(120, reached + 40)) break;
  await sleep(25);
}
const snap = snapshot();
console.log(JSON.stringify({ ids, ever: [...ever], snapshot: snap, sites: takeSnapshot('site') }));
await Promise.all(workers.map((worker) => worker.terminate()));
await Promise.all(workers.map((worker) => (worker.threadId === -1 ? null : once(worker, 'exit'))));
await sleep(100);
console.log(JSON.stringify({ after: snapshot().lints }));
void rx;
