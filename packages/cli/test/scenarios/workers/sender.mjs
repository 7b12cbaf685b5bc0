// A worker thread that sends 1,000 messages through a wrapped channel, then exits.
import { channel } from 'hotpath';
import { bounded } from 'hotpath/channels';

const [tx, rx] = channel(bounded(8), { label: 'worker-work' });
const consumer = (async () => {
  while ((await rx.recv()) !== undefined) {}
})();
for (let i = 0; i < 1000; i++) await tx.send(i);
tx.close();
await consumer;
