// A program for `hotpath mcp` to read: one labelled, logged queue with 5 sends and 3 receives (2 queued),
// a logged stream of 3 items, a measured function called 7 times and a gauge at 4. Prints the metrics server's URL, then stays up until killed.
import { channel, gauge, measure, serverUrl, stream } from 'hotpath';
import { bounded } from 'hotpath/channels';

const [tx, rx] = channel(bounded<string>(8), { label: 'jobs', log: true });
for (const job of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) await tx.send(job);
for (let i = 0; i < 3; i++) await rx.recv();
async function* letters() {
  yield* ['x', 'y', 'z'];
}
for await (const _ of stream(letters(), { label: 'letters', log: true }));
const square = measure((n: number) => n * n, { label: 'square' });
for (let i = 0; i < 7; i++) square(i);
gauge('workers', 4);
console.log(`url ${await serverUrl()}`);
// Holds `jobs` too: a channel the program drops is collected, and a collected channel is closed (no lint).
setInterval(() => [tx, rx], 1000);
