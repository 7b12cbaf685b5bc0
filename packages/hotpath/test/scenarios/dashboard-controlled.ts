// A monitored program the dashboard test steers over stdin: `send N` and `recv N` move items through the
// labelled bounded channel `jobs`; each command is answered `ok` once done, so the test knows the exact
// counts. A channel with a hostile label checks that labels render as text.
import { createInterface } from 'node:readline';
import { channel, future, serverUrl, stream } from '../../src/index.ts';
import { bounded } from '../../src/primitives/index.ts';

const HOSTILE_LABEL = process.env.HOSTILE_LABEL ?? '<b>hostile</b>';

const [tx, rx] = channel(bounded<string>(100), { label: 'jobs', log: true });
const [hostileTx] = channel(bounded<number>(4), { label: HOSTILE_LABEL });
hostileTx.trySend(1);
// Three instances of one labelled site: one site row that lists its instances.
const workers = [1, 2, 3].map(() => channel(bounded<number>(8), { label: 'worker' }));
workers.forEach(([workerTx], i) => {
  for (let k = 0; k <= i; k++) workerTx.trySend(k);
});
// Rows made on demand (`many N`), for the test of a very long table; kept so that they stay live.
const many: unknown[] = [];

async function* numbers() {
  for (let i = 0; i < 3; i++) yield i;
}
for await (const _ of stream(numbers(), { label: 'numbers' })) {
  // Consumed at once: a finished stream row.
}
await future(Promise.resolve('done'), { label: 'startup' });

let sentSoFar = 0;
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, count] = line.trim().split(/\s+/);
  const n = Number(count);
  if (command === 'send') for (let i = 0; i < n; i++) tx.trySend(`job ${++sentSoFar}`);
  if (command === 'recv') for (let i = 0; i < n; i++) rx.tryRecv();
  if (command === 'many')
    for (let i = 0; i < n; i++) many.push(channel(bounded<number>(1), { label: `row-${i}` }));
  console.log('ok');
});
// The metrics server never keeps a program alive: this does, until the test ends it.
// Holds the channels too: one the program drops is collected, and a collected channel is closed.
setInterval(() => [hostileTx, workers], 1000);
console.log(`url ${await serverUrl()}`);
