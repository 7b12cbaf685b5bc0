/**
 * A host program for the metrics-server tests: it monitors a channel, prints the server's URL, then keeps
 * working (a send and a receive every 10 ms) until it gets SIGUSR2 — or at once with HOLD=0 — and prints
 * when its work ended, so that the test can measure how long the process took to exit after that.
 */
import { channel, serverUrl } from '../../src/index.ts';
import { bounded } from '../../src/primitives/index.ts';

const [tx, rx] = channel(bounded<number>(4), { label: 'work', log: true });

let n = 0;
const pump = async () => {
  await tx.send(++n);
  await rx.recv();
};
await pump();

const finish = () => {
  clearInterval(work);
  process.stdout.write(`done ${Date.now()}\n`);
};
const work = setInterval(pump, 10);
if (process.env.HOLD === '0') finish();
else process.once('SIGUSR2', finish);
// Printed last: the test signals as soon as it reads this line.
process.stdout.write(`url ${await serverUrl()}\n`);
