/** `jobs` fills (its consumer is slower than its producer); `healthy` runs at the same rate with a consumer that keeps up; `bursty` fills for a moment each burst; `finished` was closed full. */
import { setTimeout as sleep, setImmediate as yieldTurn } from 'node:timers/promises';
import { channel } from '../../../src/index.ts';
import { bounded } from '../../../src/primitives/index.ts';
import { observe, raised } from './observe.ts';

const [jobsTx, jobsRx] = channel(bounded<number>(2), { label: 'jobs' });
void (async () => {
  for (let i = 0; ; i++) await jobsTx.send(i);
})();
void (async () => {
  for (;;) {
    await jobsRx.recv();
    await sleep(60);
  }
})();

const [healthyTx, healthyRx] = channel(bounded<number>(2), { label: 'healthy' });
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

const [burstyTx, burstyRx] = channel(bounded<number>(4), { label: 'bursty' });
void (async () => {
  for (;;) {
    await sleep(150);
    for (let i = 0; i < 6; i++) await burstyTx.send(i);
  }
})();
void (async () => {
  for (;;) {
    await burstyRx.recv();
    await yieldTurn();
  }
})();

const [finishedTx, finishedRx] = channel(bounded<number>(2), { label: 'finished' });
finishedTx.trySend(1);
finishedTx.trySend(2);
finishedRx.close();

await observe({
  until: (lints) => raised(lints, 'channel-full', 'jobs'),
  clock: (snap) => snap.channels.find((row) => row.label === 'jobs'),
  samples: 40,
});
