// One scripted WHATWG workload: backpressure points, pipeThrough/pipeTo/for await, error, cancel, abort.
import { channel } from '../../../src/index.ts';
import { finish, log, tick } from './trace.ts';

const ts = channel(new TransformStream<number, number>({}, { highWaterMark: 3 }, { highWaterMark: 2 }), {
  label: 'backpressure',
});
log('same type', ts instanceof TransformStream, ts.readable instanceof ReadableStream);
const writer = ts.writable.getWriter();
let accepted = 0;
const readyNow = async () => {
  let ready = false;
  writer.ready.then(() => {
    ready = true;
  });
  for (let i = 0; i < 5; i++) await tick();
  return ready;
};
while (accepted < 10 && (await readyNow())) writer.write(accepted++);
log('accepted before ready stopped resolving', accepted);
const reader = ts.readable.getReader();
log('read', await reader.read());
log('ready after one read', await readyNow());
const closing = writer.close();
for (;;) {
  const result = await reader.read();
  log('read', result);
  if (result.done) break;
}
await closing;

const upper = channel(
  new TransformStream<string, string>({
    transform(chunk, controller) {
      controller.enqueue(chunk.toUpperCase());
    },
  }),
  { label: 'upper' },
);
const out: string[] = [];
const source = new ReadableStream<string>({
  start(controller) {
    for (const word of ['a', 'b', 'c', 'd']) controller.enqueue(word);
    controller.close();
  },
});
const piped = source.pipeThrough(upper);
for await (const chunk of piped) out.push(chunk);
log('pipeThrough + for await', out);

const pair = channel(new TransformStream<number, number>(), { label: 'pipeTo' });
const collected: number[] = [];
await Promise.all([
  new ReadableStream<number>({
    start(controller) {
      for (let i = 0; i < 5; i++) controller.enqueue(i);
      controller.close();
    },
  }).pipeTo(pair.writable),
  pair.readable.pipeTo(
    new WritableStream({
      write(chunk) {
        collected.push(chunk);
      },
    }),
  ),
]);
log('pipeTo', collected);

const failing = channel(
  new TransformStream<number, number>({
    transform(chunk, controller) {
      if (chunk === 2) throw new Error('bad chunk');
      controller.enqueue(chunk);
    },
  }),
  { label: 'failing' },
);
const fw = failing.writable.getWriter();
const fr = failing.readable.getReader();
for (let i = 0; i < 4; i++) fw.write(i).catch((error) => log('write rejected', i, error.message));
for (let i = 0; i < 3; i++) {
  await fr.read().then(
    (result) => log('failing read', result),
    (error) => log('failing read rejected', error.message),
  );
}
await fw.closed.catch((error) => log('writer closed rejected', error.message));

const cancelled = channel(new TransformStream<number, number>(), { label: 'cancelled' });
const cw = cancelled.writable.getWriter();
cw.write(1).catch((error) => log('cancelled write rejected', String(error)));
await cancelled.readable.cancel('not interested');
await cw.ready.catch((error) => log('ready after cancel rejected', String(error)));

const aborted = channel(new TransformStream<number, number>(), { label: 'aborted' });
const ar = aborted.readable.getReader();
const pending = ar.read().then(
  (result) => log('aborted read', result),
  (error) => log('aborted read rejected', String(error)),
);
await aborted.writable.abort('stop');
await pending;
await tick();
finish();
