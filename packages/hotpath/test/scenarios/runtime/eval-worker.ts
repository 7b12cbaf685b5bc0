// A worker started with `eval: true` (no hotpath inside) while the main thread monitors: it is listed in
// `runtime.threads`, measured from the main thread, and adds no rows.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { channel, snapshot } from '../../../src/index.ts';
import { bounded } from '../../../src/primitives/index.ts';

const [tx, rx] = channel(bounded<number>(1));
await tx.send(1);
await rx.recv();
const worker = new Worker('const end = Date.now() + 1500; while (Date.now() < end) {}', { eval: true });
const threadId = worker.threadId;
await once(worker, 'exit');
const s = snapshot();
console.log(JSON.stringify({ threadId, threads: s.runtime?.threads, channels: s.channels.length }));
