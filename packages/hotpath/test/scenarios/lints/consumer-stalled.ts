/** `stuck` has items and no consumer; `stopped`'s consumer stopped; `slow` takes one item at a time but keeps taking; `finished` was closed by its receiver with items left. */
import { setTimeout as sleep } from 'node:timers/promises';
import { channel } from '../../../src/index.ts';
import { bounded, unbounded } from '../../../src/primitives/index.ts';
import { observe, raised } from './observe.ts';

const [stuckTx] = channel(unbounded<number>(), { label: 'stuck' });
stuckTx.send(1);
stuckTx.send(2);

const [stoppedTx, stoppedRx] = channel(bounded<number>(8), { label: 'stopped' });
for (let i = 0; i < 6; i++) stoppedTx.trySend(i);
await stoppedRx.recv();
await stoppedRx.recv();

const [slowTx, slowRx] = channel(bounded<number>(16), { label: 'slow' });
void (async () => {
  for (let i = 0; ; i++) await slowTx.send(i);
})();
void (async () => {
  for (;;) {
    await slowRx.recv();
    await sleep(50);
  }
})();

// Three instances of one site (say, one per request), each left with an item nobody takes.
const perRequest = [1, 2, 3].map((n) => {
  const [tx, rx] = channel(unbounded<number>(), { label: 'per-request' });
  tx.send(n);
  return rx;
});

const [finishedTx, finishedRx] = channel(unbounded<number>(), { label: 'finished' });
finishedTx.send(1);
finishedTx.send(2);
finishedRx.close();

await observe({
  until: (lints) =>
    raised(lints, 'consumer-stalled', 'stuck') && raised(lints, 'consumer-stalled', 'stopped'),
  clock: (snap) => snap.channels.find((row) => row.label === 'slow'),
  samples: 40,
});
void perRequest;
