// hotpath-rs's `slow_consumer` scenario: a trySend-with-retry producer against a consumer twice as slow.
import { channel } from '../../src/index.ts';
import { bounded } from '../../src/primitives/index.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const [tx, rx] = channel(bounded<number>(10), { capacity: 10, label: 'slow-consumer', log: true });

const producer = (async () => {
  for (let i = 0; i < 50; i++) {
    const deadline = Date.now() + 3000;
    while (!tx.trySend(i)) {
      if (Date.now() > deadline) throw new Error(`timed out sending ${i}`);
      await sleep(1);
    }
    await sleep(2);
  }
  tx.close();
})();

const received: number[] = [];
for await (const value of rx) {
  received.push(value);
  await sleep(4);
}
await producer;
console.log('received', received.join(','));
console.log('Slow consumer example completed!');
