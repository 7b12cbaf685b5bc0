// A server's shape: one Transform per request (`label: 'upper'`) and one body stream per request at one
// call site. 3,000 requests finish; 3 are still open at exit. The program prints its own result first.
import { PassThrough } from 'node:stream';
import { channel, stream } from '../../src/index.ts';

const REQUESTS = 3000;
const OPEN = 3;
let total = 0;
const open: PassThrough[] = [];

async function* body(n: number) {
  yield n;
  yield n + 1;
}

for (let i = 0; i < REQUESTS + OPEN; i++) {
  const upper = channel(new PassThrough({ objectMode: true }), { label: 'upper' });
  upper.write(i);
  upper.write(i + 1);
  if (i >= REQUESTS) {
    // Still being served at exit: two values sent, one read.
    upper.read();
    open.push(upper);
    continue;
  }
  upper.end();
  for await (const value of upper) total += value as number;
  for await (const value of stream(body(i))) total += value;
}
console.log(`total ${total}, open ${open.length}`);
