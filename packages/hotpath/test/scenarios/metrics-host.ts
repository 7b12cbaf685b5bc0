/**
 * A host program for the exporter tests: labelled channels whose totals the test knows, two instances of
 * one site, a stream, a future, a measured function and a gauge. Prints the metrics server's URL, then waits for SIGTERM (or exits at
 * once with HOLD=0 after printing its exposition).
 */
import { channel, future, gauge, measure, serverUrl, stream } from '../../src/index.ts';
import { bounded, unbounded } from '../../src/primitives/index.ts';

const SENT = Number(process.env.SENT ?? 37);
const held: unknown[] = [];

const [tx, rx] = channel(bounded<number>(64), { label: 'orders "eu"\\west' });
for (let i = 0; i < SENT; i++) await tx.send(i);
for (let i = 0; i < SENT - 5; i++) await rx.recv();
held.push(tx, rx);

// One site, two instances: the exporter must sum them into one series.
for (let n = 0; n < 2; n++) {
  const [a, b] = channel(unbounded<number>(), { label: 'jobs' });
  for (let i = 0; i < 10; i++) await a.send(i);
  await b.recv();
  held.push(a, b);
}

async function* numbers() {
  for (let i = 0; i < 12; i++) yield i;
}
for await (const _ of stream(numbers(), { label: 'numbers' })) {
}
await future(Promise.resolve(1), { label: 'lookup' });
await future(Promise.reject(new Error('no')), { label: 'lookup' }).catch(() => {});

// A measured function: 25 calls, 3 of which throw; a gauge set three times.
const parse = measure(
  (text: string) => {
    if (text === 'bad') throw new Error('bad input');
    return text.length;
  },
  { label: 'parse' },
);
for (let i = 0; i < 22; i++) parse('ok');
for (let i = 0; i < 3; i++) {
  try {
    parse('bad');
  } catch {}
}
for (const depth of [5, 12, 3]) gauge('depth', depth);

process.stdout.write(`url ${await serverUrl()}\n`);
if (process.env.HOLD === '0') process.exit(0);
process.once('SIGTERM', () => process.exit(0));
setInterval(() => held.length, 1000);
