import * as nodeStream from 'node:stream';
import { Duplex, finished, PassThrough, pipeline, Readable, Transform, Writable } from 'node:stream';
import { pipeline as pipelineP } from 'node:stream/promises';
import { channel, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const tick = () => new Promise((r) => setImmediate(r));

// 1. pipeline erroring mid-way
{
  let n = 0;
  const src = Readable.from(['a', 'b', 'c', 'd']);
  const t = channel(
    new Transform({
      objectMode: true,
      transform(c, _e, cb) {
        n++;
        if (c === 'c') cb(new Error('bad c'));
        else cb(null, c.toUpperCase());
      },
    }),
  );
  const out: string[] = [];
  const sink = channel(
    new Writable({
      objectMode: true,
      write(c, _e, cb) {
        out.push(c);
        cb();
      },
    }),
  );
  await new Promise<void>((res) =>
    pipeline(stream(src), t, sink, (err) => {
      log('1 pipeline', err?.message, out, n, src.destroyed, t.destroyed, sink.destroyed);
      res();
    }),
  );
}
// 2. destroy during write
{
  const w = channel(
    new Writable({
      highWaterMark: 2,
      write(_c, _e, cb) {
        setTimeout(cb, 5);
      },
    }),
  );
  w.on('error', (e) => log('2 error', e.message));
  w.on('close', () => log('2 close'));
  log('2 write', w.write('aa'), w.write('bbb'));
  w.destroy(new Error('stop'));
  log(
    '2 write after destroy',
    (() => {
      try {
        return w.write('x', (e) => log('2 cb', e?.message));
      } catch (e) {
        return (e as Error).message;
      }
    })(),
  );
  await new Promise((r) => setTimeout(r, 20));
}
// 3. finished
{
  const p = channel(new PassThrough());
  finished(p, (err) => log('3 finished', err?.message));
  p.end('x');
  p.resume();
  await tick();
  await tick();
  const q = channel(new PassThrough());
  finished(q, (err) => log('3b finished', err?.message));
  q.destroy();
  await tick();
  await tick();
}
// 4. Readable.from generator throwing in finally
{
  async function* g() {
    try {
      yield 1;
      yield 2;
    } finally {
      // biome-ignore lint/correctness/noUnsafeFinally: a generator failing in finally is the case under test
      throw new Error('finally throw');
    }
  }
  const r = stream(Readable.from(g()));
  r.on('error', (e) => log('4 error', e.message));
  r.on('close', () => log('4 close'));
  try {
    for await (const v of r) {
      log('4 v', v);
      break;
    }
  } catch (e) {
    log('4 caught', (e as Error).message);
  }
  await tick();
}
// 5. setEncoding in byte mode
{
  const p = channel(new PassThrough());
  p.setEncoding('utf8');
  const got: unknown[] = [];
  p.on('data', (d) => got.push(d));
  p.write(Buffer.from([0xe2, 0x82]));
  p.write(Buffer.from([0xac, 0x41]));
  p.end();
  await new Promise((r) => p.on('end', r));
  log('5', JSON.stringify(got));
}
// 6. compose / Duplex.from
{
  // stream.compose is in Node 20 but not in its @types.
  const compose = (nodeStream as unknown as { compose: (...s: unknown[]) => Duplex }).compose;
  const c = compose(
    new Transform({
      objectMode: true,
      transform(c, _e, cb) {
        cb(null, c * 2);
      },
    }),
    new Transform({
      objectMode: true,
      transform(c, _e, cb) {
        cb(null, c + 1);
      },
    }),
  );
  const cc = channel(c as Duplex);
  const out: unknown[] = [];
  cc.on('data', (d) => out.push(d));
  cc.write(1);
  cc.write(2);
  cc.end();
  await new Promise((r) => cc.on('end', r));
  log('6 compose', out);
  const d = channel(
    Duplex.from(async function* (src: AsyncIterable<number>) {
      for await (const x of src) yield x * 10;
    }),
  );
  const out2: unknown[] = [];
  d.on('data', (x) => out2.push(x));
  d.write(1);
  d.write(2);
  d.end();
  await new Promise((r) => d.on('end', r));
  log('6 duplex.from', out2);
}
// 7. error with no listener on wrapped stream -> caught via pipelineP
{
  const r = channel(
    new Readable({
      read() {
        this.destroy(new Error('read fail'));
      },
    }),
  );
  try {
    await pipelineP(
      r,
      new Writable({
        write(_c, _e, cb) {
          cb();
        },
      }),
    );
  } catch (e) {
    log('7', (e as Error).message);
  }
}
// 8. objectMode backpressure sequence
{
  const p = channel(new PassThrough({ objectMode: true, highWaterMark: 2 }));
  const res: boolean[] = [];
  for (let i = 0; i < 6; i++) res.push(p.write(i));
  p.on('drain', () => log('8 drain'));
  log('8', res, p.readableLength, p.writableLength);
  p.read();
  p.read();
  p.read();
  await tick();
  log('8 after', p.readableLength, p.writableLength);
}
// 9. Readable.from array with stream(), destroy mid-iteration
{
  const r = stream(Readable.from([1, 2, 3, 4]));
  try {
    for await (const v of r) {
      log('9', v);
      if (v === 2) r.destroy();
    }
  } catch (e) {
    log('9 caught', (e as Error).message);
  }
  log('9 destroyed', r.destroyed);
}
log('done');
