// A server's shape for the console: one Transform per request under `label: 'upper'` (3,000 served, 3
// still open), one channel whose label carries escape sequences, and one labelled in CJK and emoji.
// Prints the metrics server's URL, then stays up until killed.
import { PassThrough } from 'node:stream';
import { channel, serverUrl } from 'hotpath';
import { bounded } from 'hotpath/channels';

const held: unknown[] = [];
for (let i = 0; i < 3003; i++) {
  const upper = channel(new PassThrough({ objectMode: true }), { label: 'upper', log: true });
  upper.write(`request ${i}`);
  upper.write(`request ${i} body`);
  if (i >= 3000) {
    upper.read();
    held.push(upper);
    continue;
  }
  upper.end();
  for await (const _ of upper);
}
const [evilTx] = channel(bounded<number>(4), { label: 'evil\x1b[2J\x1b[31mRED' });
await evilTx.send(1);
const [wideTx] = channel(bounded<number>(4), { label: '上传队列🚀' });
await wideTx.send(1);
await wideTx.send(2);
held.push(evilTx, wideTx);
console.log(`url ${await serverUrl()}`);
// Holds the open rows too: one the program drops is collected, and a collected channel is closed.
setInterval(() => held, 1000);
