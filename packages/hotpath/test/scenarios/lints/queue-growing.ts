/** `leak` gets two items for each one taken; `bursty` is drained all at once every 300 ms; `bounded` is full, not growing. */
import { setTimeout as sleep } from 'node:timers/promises';
import { channel } from '../../../src/index.ts';
import { bounded, unbounded } from '../../../src/primitives/index.ts';
import { observe, raised } from './observe.ts';

const [leakTx, leakRx] = channel(unbounded<number>(), { label: 'leak' });
void (async () => {
  for (let i = 0; ; i++) {
    leakTx.send(i);
    leakTx.send(i);
    await sleep(30);
    leakRx.tryRecv();
  }
})();

const [burstyTx, burstyRx] = channel(unbounded<number>(), { label: 'bursty' });
void (async () => {
  for (let i = 0; ; i++) {
    burstyTx.send(i);
    await sleep(20);
  }
})();
void (async () => {
  for (;;) {
    await sleep(300);
    while (burstyRx.tryRecv() !== undefined) {
      // drained
    }
  }
})();

const [boundedTx, boundedRx] = channel(bounded<number>(8), { label: 'bounded' });
void (async () => {
  for (let i = 0; ; i++) await boundedTx.send(i);
})();
void (async () => {
  for (;;) {
    await sleep(40);
    boundedRx.tryRecv();
  }
})();

await observe({
  until: (lints) => raised(lints, 'queue-growing', 'leak'),
  clock: (snap) => snap.channels.find((row) => row.label === 'bursty'),
  samples: 60,
});
