// Two workers, each sending 1,000 messages through a wrapped channel; the main thread monitors one of
// its own. Prints the worker thread ids, then (with `--snapshot`) the main thread's snapshot.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { channel, snapshot } from '../../../src/index.ts';
import { bounded } from '../../../src/primitives/index.ts';

const file = new URL('./sender-worker.mjs', import.meta.url);
const workers = [new Worker(file), new Worker(file)];
const ids = workers.map((worker) => worker.threadId);
const [tx, rx] = channel(bounded<string>(1), { label: 'main-work' });
await tx.send('x');
await rx.recv();
await Promise.all(workers.map((worker) => once(worker, 'exit')));
console.log(JSON.stringify({ ids }));
if (process.argv.includes('--snapshot')) console.log(JSON.stringify(snapshot()));
if (process.argv.includes('--hold')) setTimeout(() => {}, 60_000);
