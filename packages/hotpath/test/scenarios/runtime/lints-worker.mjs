// (Plain JS on the built package: tsx's loader does not reach worker threads.)
// A worker with `jobs`, whose consumer is slower than its producer (channel-full), and `healthy`, at the
// same rate with a consumer that keeps up. With `workerData.block`, it then blocks its own loop once past
// the loop lint's warm-up. It runs until terminated.
import { setTimeout as sleep } from 'node:timers/promises';
import { workerData } from 'node:worker_threads';
import { channel, snapshot } from 'hotpath';
import { bounded } from 'hotpath/channels';

const [jobsTx, jobsRx] = channel(bounded(2), { label: 'jobs' });
void (async () => {
  for (let i = 0; ; i++) await jobsTx.send(i);
})();
void (async () => {
  for (;;) {
    await jobsRx.recv();
    await sleep(60);
  }
})();
const [healthyTx, healthyRx] = channel(bounded(2), { label: 'healthy' });
void (async () => {
  for (let i = 0; ; i++) {
    await sleep(60);
    await healthyTx.send(i);
  }
})();
void (async () => {
  for await (const _ of healthyRx) {
    // keeps up
  }
})();

if (workerData?.block) {
  const ticks = () => snapshot().channels.find((row) => row.label === 'jobs')?.history?.queued?.length ?? 0;
  while (ticks() < 50) await sleep(25);
  const end = performance.now() + 400;
  while (performance.now() < end) {
    // blocked, with jobs queued
  }
}
