import { PassThrough, Transform } from 'node:stream';
import { channel, future, futureFn, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
process.on('unhandledRejection', (reason, promise) =>
  log('unhandledRejection', (reason as Error).message, promise instanceof Promise),
);
process.on('rejectionHandled', () => log('rejectionHandled'));
// channel() and stream() on the same Transform, and twice each
{
  const t = new Transform({
    objectMode: true,
    transform(c, _e, cb) {
      cb(null, c + 1);
    },
  });
  const a = channel(t);
  const b = stream(a);
  const c = channel(b, { label: 'again' });
  log('same', a === t && b === t && c === t);
  t.write(1);
  t.write(2);
  t.end();
  const out: number[] = [];
  for await (const v of t) out.push(v);
  log('out', out);
}
// web: channel() on a TransformStream then stream() its readable
{
  const ts = channel(new TransformStream<number, number>());
  const r = stream(ts.readable);
  const w = ts.writable.getWriter();
  w.write(1);
  w.write(2);
  w.close();
  const out: number[] = [];
  for await (const v of r) out.push(v);
  log('web out', out);
}
// unhandled, then handled late
{
  const f = futureFn(async () => {
    throw new Error('late');
  });
  const p = f();
  await new Promise((r) => setTimeout(r, 5));
  p.catch(() => log('caught late'));
  await new Promise((r) => setTimeout(r, 5));
}
// future(promise) the returned one handled
{
  const p = future(Promise.reject(new Error('handled')));
  p.catch(() => log('handled ok'));
  await new Promise((r) => setTimeout(r, 5));
}
// pipe with stream() on the source and end:false
{
  const src = stream(new PassThrough());
  const dst = channel(new PassThrough());
  src.pipe(dst, { end: false });
  src.end('x');
  await new Promise((r) => setTimeout(r, 5));
  log('dst ended?', dst.writableEnded, dst.readableLength);
  src.unpipe(dst);
}
log('done');
