import { shielded } from '../registry/faults.js';
import { piped } from '../registry/pipelines.js';
import { registerStream } from '../registry/streams.js';
import type { StreamAdapter } from './adapter.js';
import { instrumentIterator } from './async-iterable.js';
import { defineHidden } from './patch.js';
import type { ReadCounter } from './read-counter.js';
import {
  isAbortSignal,
  isNativeReadable,
  isNativeReader,
  isNativeWritable,
  nativeReadable,
  promiseThen,
  readableIsLocked,
  writableIsLocked,
} from './web-intrinsics.js';
import { pullThrough } from './web-pull-through.js';
import { countReader } from './web-reader.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Starts counting each chunk a pipe hands `destination` as read, and returns how to stop; null when it
 * cannot (then the pipe runs on a pull-through stream). A pipe holds its destination's lock, so while it
 * runs every chunk the destination takes came from this pipe.
 */
export type DeliveryCounter = (destination: unknown) => (() => void) | null;

/**
 * WHATWG `ReadableStream` (default or byte), the object itself: the instance gets counting twins of
 * the methods a consumer reads it with. `getReader` counts through the reader it hands out, `values`
 * / `[Symbol.asyncIterator]` through the stream's own iterator, and `pipeTo` / `pipeThrough` / `tee`
 * (whose reads no public method sees) run on a pull-through stream made at that moment.
 */
export const webReadableAdapter: StreamAdapter = {
  accepts: 'a WHATWG ReadableStream',
  matches: (source) => isNativeReadable(source),
  monitor(source, options, callSite) {
    const readable = source as ReadableStream<unknown>;
    const stats = registerStream({ kind: 'web-readable', timesConsumer: true }, options, callSite, readable);
    countWebReadable(readable, stats);
    return readable;
  },
};

/**
 * Patches one `ReadableStream` instance so that every way of reading it reports to `stats`; the
 * stream stays the same object and unlocked. Shared with `channel()`, which counts a WHATWG pair's
 * receives this way, with `countDelivery` to count a `pipeTo` at its destination instead of through a
 * pull-through stream.
 */
export function countWebReadable(
  readable: ReadableStream<unknown>,
  stats: ReadCounter,
  countDelivery?: DeliveryCounter,
): void {
  const methods = readable as unknown as Record<PropertyKey, Method>;
  const getReader = methods.getReader!;
  defineHidden(readable, 'getReader', function getReaderCounted(this: unknown) {
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
    const reader = Reflect.apply(getReader, this, arguments);
    // A subclass's `getReader` may hand out a reader of its own making: that one is not counted.
    if (this === readable && isNativeReader(reader))
      shielded(() => countReader(reader as never, stats), undefined);
    return reader;
  });
  patchIteration(readable, methods, 'values', stats);
  patchIteration(readable, methods, Symbol.asyncIterator, stats);
  patchCancel(readable, methods.cancel!, stats);
  patchPipes(readable, methods, stats, countDelivery);
}

/** The stream's own async iterator, counted on the instance (it keeps Node's `break`/`return` semantics). */
function patchIteration(
  readable: ReadableStream<unknown>,
  methods: Record<PropertyKey, Method>,
  key: 'values' | typeof Symbol.asyncIterator,
  stats: ReadCounter,
): void {
  const original = methods[key];
  if (typeof original !== 'function') return;
  defineHidden(readable, key, function iterateCounted(this: unknown, options?: unknown) {
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
    const iterator = Reflect.apply(original, this, arguments);
    if (this === readable) {
      shielded(() => instrumentIterator(iterator as object, stats, !preventsCancel(options)), undefined);
    }
    return iterator;
  });
}

/**
 * Whether `values({ preventCancel: true })` was asked for: then `return()` leaves the stream readable.
 * Read without calling a getter, so that the stream's own read of the option stays the only one.
 */
function preventsCancel(options: unknown): boolean {
  let target = options;
  while (typeof target === 'object' && target !== null) {
    const descriptor = Object.getOwnPropertyDescriptor(target, 'preventCancel');
    if (descriptor !== undefined) return 'value' in descriptor && Boolean(descriptor.value);
    target = Object.getPrototypeOf(target);
  }
  return false;
}

function patchCancel(readable: ReadableStream<unknown>, cancel: Method, stats: ReadCounter): void {
  defineHidden(readable, 'cancel', function cancelCounted(this: unknown) {
    // Marked first: the source's `cancel` runs inside this call. A locked stream refuses to cancel.
    if (this === readable && !readableIsLocked(readable) && !stats.finished) stats.onCancelled();
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
    return Reflect.apply(cancel, this, arguments);
  });
}

/**
 * `pipeTo`, `pipeThrough` and `tee` get counting twins only where they are Node's own: a subclass's
 * override runs as it is (it would meet a pull-through stream as `this`), and its pipes go uncounted.
 * Wherever the raw method would refuse (a locked source or destination, a bad destination or signal),
 * the raw method itself answers, on the source, with nothing locked first; where a step of ours
 * fails, the lock is released and the raw method runs.
 */
function patchPipes(
  readable: ReadableStream<unknown>,
  methods: Record<PropertyKey, Method>,
  stats: ReadCounter,
  countDelivery: DeliveryCounter | undefined,
): void {
  const { pipeTo, pipeThrough, tee } = methods as Record<'pipeTo' | 'pipeThrough' | 'tee', Method>;
  const usable = (self: unknown) => self === readable && !readableIsLocked(readable);
  if (pipeTo === nativeReadable.pipeTo) {
    defineHidden(
      readable,
      'pipeTo',
      function pipeToCounted(this: unknown, destination: unknown, options: unknown) {
        // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
        const args = arguments;
        const raw = () => Reflect.apply(pipeTo, this, args);
        if (!usable(this) || !pipeable(destination, options)) return raw();
        shielded(() => piped(readable, destination), undefined);
        const stop = countDelivery === undefined ? null : shielded(() => countDelivery(destination), null);
        if (stop !== null) return afterwards(raw() as Promise<unknown>, stop);
        const through = shielded(() => pullThrough(readable, stats, false), null);
        if (through === null) return raw();
        // A finished pipe leaves the source unlocked.
        return afterwards(Reflect.apply(pipeTo, through.stream, args) as Promise<unknown>, through.release);
      },
    );
  }
  for (const [key, original, native] of [
    ['pipeThrough', pipeThrough, nativeReadable.pipeThrough],
    ['tee', tee, nativeReadable.tee],
  ] as const) {
    if (original !== native) continue;
    defineHidden(readable, key, function pipedCounted(this: unknown) {
      // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
      if (!usable(this)) return Reflect.apply(original, this, arguments);
      // A transform's writable side is fed by this stream (found before anything is locked).
      if (key === 'pipeThrough') {
        // biome-ignore lint/complexity/noArguments: the transform, read without changing the twin's arity
        const transform = arguments[0] as { writable?: unknown } | null | undefined;
        shielded(() => piped(readable, transform?.writable), undefined);
      }
      const through = shielded(() => pullThrough(readable, stats, key === 'pipeThrough'), null);
      // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
      if (through === null) return Reflect.apply(original, this, arguments);
      try {
        // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
        return Reflect.apply(original, through.stream, arguments);
      } catch (error) {
        // Refused (a locked or malformed transform): the source is left as the refusal found it.
        through.release();
        throw error;
      }
    });
  }
}

/**
 * Whether Node's `pipeTo` would start a pipe to `destination`: an unlocked WritableStream of Node's,
 * options that are an object (or absent), and no `signal` that is not an AbortSignal. Options are read without calling a getter, so that
 * the pipe's own read of them stays the only one; a getter-made `signal` is left to the pipe.
 */
function pipeable(destination: unknown, options: unknown): boolean {
  if (!isNativeWritable(destination) || writableIsLocked(destination)) return false;
  if (options === undefined || options === null) return true;
  if (typeof options !== 'object' && typeof options !== 'function') return false;
  const descriptor = Object.getOwnPropertyDescriptor(options, 'signal');
  if (descriptor === undefined || !('value' in descriptor)) return true;
  return descriptor.value === undefined || isAbortSignal(descriptor.value);
}

/** `then` that runs `after` either way; a rejection is passed on, as unhandled as it was. */
function afterwards(piped: Promise<unknown>, after: () => void): Promise<unknown> {
  return promiseThen(
    piped,
    (value) => {
      after();
      return value;
    },
    (error: unknown) => {
      after();
      throw error;
    },
  );
}
