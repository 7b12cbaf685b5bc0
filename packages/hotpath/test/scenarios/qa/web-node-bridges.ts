// Bridges between Node and WHATWG streams, and abort signals, on monitored streams.
import { addAbortSignal, Readable, Writable } from 'node:stream';
import { channel, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const web = Readable.toWeb(stream(Readable.from(['a', 'b', 'c'])));
const got: unknown[] = [];
for await (const v of stream(web)) got.push(v);
log('toWeb', got);
const back = Readable.fromWeb(
  stream(
    new ReadableStream({
      start(c) {
        c.enqueue('x');
        c.enqueue('y');
        c.close();
      },
    }),
  ),
  { objectMode: true },
);
log('fromWeb', await stream(back).toArray());
const sink = Writable.toWeb(channel(new Writable({ objectMode: true, write: (_c, _e, cb) => cb() })));
const w = sink.getWriter();
await w.write('1');
await w.close();
log('Writable.toWeb closed');
const ac = new AbortController();
const slow = stream(
  addAbortSignal(
    ac.signal,
    new Readable({
      objectMode: true,
      read() {
        setTimeout(() => this.push(1), 1);
      },
    }),
  ),
);
let n = 0;
try {
  for await (const _ of slow) if (++n === 3) ac.abort();
} catch (e) {
  log('aborted', (e as Error).name, n);
}
log('done');
