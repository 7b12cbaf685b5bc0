// A program for `hotpath mcp` to read: one labelled, logged queue with 5 sends and 3 receives (2 queued),
// and a logged stream of 3 items. Prints the metrics server's URL, then stays up until killed.
import { channel, serverUrl, stream } from 'hotpath';
import { bounded } from 'hotpath/channels';

const [tx, rx] = channel(bounded<string>(8), { label: 'jobs', log: true });
for (const job of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) await tx.send(job);
for (let i = 0; i < 3; i++) await rx.recv();
async function* letters() {
  yield* ['x', 'y', 'z'];
}
for await (const _ of stream(letters(), { label: 'letters', log: true }));
console.log(`url ${await serverUrl()}`);
setInterval(() => {}, 1000);
