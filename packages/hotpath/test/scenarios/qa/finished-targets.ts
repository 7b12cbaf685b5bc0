// Wrapping things that are already finished, locked or odd: the same object back, nothing thrown.
import { EventEmitter } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';
import { channel, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const attempt = (name: string, f: () => unknown) => {
  try {
    f();
    log(name, 'ok');
  } catch (e) {
    log(name, (e as Error).name, (e as Error).message.slice(0, 90));
  }
};
const destroyed = new PassThrough();
destroyed.destroy();
attempt('destroyed PassThrough', () => channel(destroyed));
const ended = Readable.from([]);
ended.resume();
await new Promise((r) => ended.on('end', r));
attempt('ended Readable', () => stream(ended));
const errored = new Writable();
errored.on('error', () => {});
errored.destroy(new Error('x'));
attempt('errored Writable', () => channel(errored));
const closedWeb = new ReadableStream({ start: (c) => c.close() });
attempt('closed ReadableStream', () => stream(closedWeb));
const erroredWeb = new ReadableStream({ start: (c) => c.error(new Error('e')) });
attempt('errored ReadableStream', () => stream(erroredWeb));
const locked = new ReadableStream();
locked.getReader();
attempt('locked ReadableStream', () => stream(locked));
const erroredTs = new TransformStream();
erroredTs.writable.abort(new Error('a')).catch(() => {});
attempt('aborted TransformStream', () => channel(erroredTs));
const mc = new MessageChannel();
mc.port1.close();
attempt('closed port', () => channel(mc));
const frozen = Object.freeze(new EventEmitter());
attempt('frozen EventEmitter', () => channel(frozen));
const sealedStream = Object.seal(new PassThrough());
attempt('sealed PassThrough', () => channel(sealedStream));
const frozenGen = Object.freeze(
  (async function* () {
    yield 1;
  })(),
);
attempt('frozen async generator', () => stream(frozenGen));
const proxied = new Proxy(new EventEmitter(), {});
attempt('proxied EventEmitter', () => channel(proxied).emit('x'));
await new Promise((r) => setTimeout(r, 10));
log('done');
