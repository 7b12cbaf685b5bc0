// Starts two monitored workers, waits for both to exit, prints their thread ids, then keeps serving the
// metrics server until it is killed.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { serverUrl } from 'hotpath';

const workers = [0, 1].map(() => new Worker(new URL('./sender.mjs', import.meta.url)));
const ids = workers.map((worker) => worker.threadId);
await Promise.all(workers.map((worker) => once(worker, 'exit')));
console.log(JSON.stringify({ ids, url: await serverUrl() }));
setInterval(() => {}, 1000);
