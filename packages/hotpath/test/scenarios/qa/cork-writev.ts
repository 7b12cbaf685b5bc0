// cork/uncork with a writev sink, end(chunk, cb), write callbacks and 'drain' on a monitored Writable.
import { Writable } from 'node:stream';
import { channel } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const w = channel(
  new Writable({
    highWaterMark: 4,
    writev(chunks, cb) {
      log('writev', chunks.map((c) => c.chunk.toString()).join('|'));
      setImmediate(cb);
    },
    write(chunk, _e, cb) {
      log('write', chunk.toString());
      setImmediate(cb);
    },
    final(cb) {
      log('final');
      cb();
    },
  }),
);
w.on('drain', () => log('drain', w.writableLength));
w.on('finish', () => log('finish'));
w.cork();
log(
  'ok',
  w.write('ab'),
  w.write('cd', () => log('cb cd')),
  w.write('e'),
  w.writableLength,
  w.writableNeedDrain,
);
process.nextTick(() => w.uncork());
await new Promise((r) => setTimeout(r, 5));
log('after uncork', w.writableLength);
log('ok2', w.write('fghij'));
w.end('k', () => log('end cb'));
await new Promise((r) => w.on('close', r));
log('done');
