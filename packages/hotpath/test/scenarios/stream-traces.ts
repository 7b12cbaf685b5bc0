// Every kind of stream, consumed every way, with each event of source and consumer printed in order:
// run off and on, the two outputs must be identical. With monitoring on, the stream rows go to stderr.
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { finalize, Observable, of, take } from 'rxjs';
import { enabled, snapshot, stream } from '../../src/index.ts';
import { monitored, stream as rxStream } from '../../src/streams/rxjs.ts';

const log = (...parts: unknown[]) => console.log(parts.join(' '));
const boom = new Error('boom');
const sameError = (error: unknown) => (error === boom ? 'the same error' : `another error: ${String(error)}`);

// Async generators: to the end, `break`, and an error thrown by the source.
async function* counting(label: string, count: number, failAt = -1) {
  try {
    for (let i = 1; i <= count; i++) {
      if (i === failAt) throw boom;
      log(label, 'yield', i);
      yield i;
    }
  } finally {
    log(label, 'finally');
  }
}
for await (const n of stream(counting('gen-full', 3), { label: 'gen-full' })) log('gen-full got', n);
for await (const n of stream(counting('gen-break', 5), { label: 'gen-break' })) {
  log('gen-break got', n);
  if (n === 2) break;
}
try {
  for await (const n of stream(counting('gen-error', 5, 3), { label: 'gen-error' })) log('gen-error got', n);
} catch (error) {
  log('gen-error caught', sameError(error));
}
// An iterable: each iteration is its own instance.
const iterable = stream({ [Symbol.asyncIterator]: () => counting('iterable', 2) }, { label: 'iterable' });
for await (const n of iterable) log('iterable first pass', n);
for await (const n of iterable) log('iterable second pass', n);

// Node Readable, consumed each way Node offers.
function letters(label: string, failAfter = -1) {
  let i = 0;
  return new Readable({
    objectMode: true,
    highWaterMark: 2,
    read() {
      i++;
      if (i === failAfter) return this.destroy(boom);
      log(label, 'read', i);
      this.push(i <= 4 ? `${label}-${i}` : null);
    },
    destroy(error, callback) {
      log(label, 'destroy', error === null ? 'clean' : sameError(error));
      callback(error);
    },
  });
}
{
  const r = stream(letters('data'), { label: 'readable-data' });
  log('flowing after wrap', String(r.readableFlowing));
  r.on('data', (chunk) => log('data got', chunk));
  await once(r, 'end');
}
{
  const r = stream(letters('read'), { label: 'readable-read' });
  r.on('readable', () => {
    for (let chunk = r.read(); chunk !== null; chunk = r.read()) log('read got', chunk);
  });
  await once(r, 'end');
}
for await (const chunk of stream(letters('iter'), { label: 'readable-iter' })) log('iter got', chunk);
for await (const chunk of stream(letters('iter-break'), { label: 'readable-break' })) {
  log('iter-break got', chunk);
  break;
}
try {
  for await (const chunk of stream(letters('iter-error', 3), { label: 'readable-error' }))
    log('iter-error got', chunk);
} catch (error) {
  log('iter-error caught', sameError(error));
}
const sink = (label: string) =>
  new Writable({
    objectMode: true,
    highWaterMark: 1,
    write(chunk, _encoding, callback) {
      log(label, 'wrote', chunk);
      setImmediate(callback);
    },
  });
{
  const r = stream(letters('pipe'), { label: 'readable-pipe' });
  const w = sink('pipe');
  r.pipe(w);
  await once(w, 'finish');
}
await pipeline(stream(letters('pipeline'), { label: 'readable-pipeline' }), sink('pipeline'));

// WHATWG ReadableStream: the source's pull calls and desiredSize as each read happens.
function numbersSource(label: string, failAt = -1) {
  let i = 0;
  let controller!: ReadableStreamDefaultController<number>;
  const rs = new ReadableStream<number>(
    {
      start(c) {
        controller = c;
      },
      pull(c) {
        i++;
        log(label, 'pull', i, 'desiredSize', c.desiredSize);
        if (i === failAt) c.error(boom);
        else if (i > 5) c.close();
        else c.enqueue(i);
      },
      cancel(reason) {
        log(label, 'cancel', String(reason));
      },
    },
    { highWaterMark: 2 },
  );
  return { rs, desired: () => controller.desiredSize };
}
{
  const { rs, desired } = numbersSource('web-read');
  const reader = stream(rs, { label: 'web-read' }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    // Looked at a macrotask later: the wrapper settles each read one microtask later than the source.
    await new Promise((resolve) => setImmediate(resolve));
    log('web-read got', done, value, 'desiredSize', desired());
    if (done) break;
  }
}
{
  const { rs } = numbersSource('web-break');
  for await (const n of stream(rs, { label: 'web-break' })) {
    log('web-break got', n);
    if (n === 2) break;
  }
}
try {
  const { rs } = numbersSource('web-error', 3);
  for await (const n of stream(rs, { label: 'web-error' })) log('web-error got', n);
} catch (error) {
  log('web-error caught', sameError(error));
}
{
  const { rs } = numbersSource('web-pipe');
  await stream(rs, { label: 'web-pipe' }).pipeTo(
    new WritableStream({
      write: async (chunk) => {
        await new Promise((resolve) => setImmediate(resolve));
        log('web-pipe wrote', chunk);
      },
    }),
  );
}

// RxJS: a synchronous endless source stopped by take(), an error, and two subscriptions.
const endless = (label: string) =>
  new Observable<number>((subscriber) => {
    for (let i = 1; !subscriber.closed; i++) {
      log(label, 'emit', i);
      subscriber.next(i);
    }
    return () => log(label, 'teardown');
  });
stream(endless('rx-take'), { label: 'rx-take' })
  .pipe(
    take(3),
    finalize(() => log('rx-take finalized')),
  )
  .subscribe((n) => log('rx-take got', n));
const failing = new Observable<number>((subscriber) => {
  subscriber.next(1);
  subscriber.error(boom);
});
stream(failing, { label: 'rx-error' }).subscribe({
  next: (n) => log('rx-error got', n),
  error: (error) => log('rx-error caught', sameError(error)),
});
const twice = rxStream(
  new Observable<number>((subscriber) => {
    subscriber.next(7);
    subscriber.complete();
  }),
  { label: 'rx-twice' },
);
twice.subscribe((n) => log('rx-twice first got', n));
twice.subscribe((n) => log('rx-twice second got', n));
of(1, 2)
  .pipe(monitored({ label: 'rx-operator' }))
  .subscribe({ next: (n) => log('rx-operator got', n), complete: () => log('rx-operator complete') });

await new Promise((resolve) => setTimeout(resolve, 20));
if (enabled) {
  const rows = snapshot().streams.map(({ label, kind, state, yielded }) => ({ label, kind, state, yielded }));
  process.stderr.write(`${JSON.stringify(rows)}\n`);
}
