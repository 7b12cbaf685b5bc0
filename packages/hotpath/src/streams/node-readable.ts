import { recordFault } from '../registry/faults.js';
import type { StreamStats } from '../registry/stream-stats.js';
import { registerStream } from '../registry/streams.js';
import type { StreamAdapter } from './adapter.js';
import { defineHidden } from './patch.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

interface ReadableLike {
  _readableState: object;
  emit: Method;
  read: Method;
  readableEnded?: boolean;
  destroyed?: boolean;
  errored?: unknown;
}

/**
 * Node `Readable` (and the readable side of a `Duplex` / `Transform`), the object itself. Node emits
 * `'data'` for every item however the stream is consumed (`'data'` listeners, `read()`, `for await`,
 * `pipe`, `pipeline`), so the instance's `emit` is where items are counted. No listener is added: a
 * `'data'` listener would switch the stream to flowing mode and change the program.
 */
export const nodeReadableAdapter: StreamAdapter = {
  accepts: 'a Node Readable (or Duplex/Transform)',
  matches: (source) => {
    const value = source as Partial<ReadableLike>;
    return (
      typeof value._readableState === 'object' &&
      value._readableState !== null &&
      typeof value.emit === 'function' &&
      typeof value.read === 'function'
    );
  },
  monitor(source, options, callSite) {
    const readable = source as ReadableLike;
    const stats = registerStream({ kind: 'node-readable', timesConsumer: false }, options, callSite, source);
    if (readable.readableEnded) stats.onClosed();
    else if (readable.destroyed) readable.errored ? stats.onErrored() : stats.onCancelled();
    if (stats.finished) return source;
    patchEmit(readable, stats);
    stampFirstRead(readable, stats);
    return source;
  },
};

function patchEmit(readable: ReadableLike, stats: StreamStats): void {
  const emit = readable.emit;
  const lifecycle = (event: unknown, error: unknown) => {
    try {
      if (event === 'end') stats.onClosed();
      // `break` in `for await` and an aborted `pipeline` destroy the stream with an AbortError.
      else if (event === 'error') isAbort(error) ? stats.onCancelled() : stats.onErrored();
      // Destroyed before the end and without an error: the consumer stopped (`break`, `destroy()`).
      else if (event === 'close') stats.onCancelled();
    } catch (error) {
      recordFault(error);
    }
  };
  defineHidden(readable, 'emit', function emitCounted(this: unknown, event: unknown, chunk: unknown) {
    if (event === 'data') stats.onItem(chunk);
    else if (!stats.finished) lifecycle(event, chunk);
    // `'data'` comes with exactly its chunk: a plain call spares it the generic `apply` path.
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
    if (arguments.length === 2) return emit.call(this, event, chunk);
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed, without a copy
    return Reflect.apply(emit, this, arguments);
  });
}

/**
 * Every way of consuming a Readable goes through `read()` (flowing mode calls it too), so the first
 * call is when the consumer first asked. The patch removes itself at that call: `read` costs nothing after.
 */
function stampFirstRead(readable: ReadableLike, stats: StreamStats): void {
  const hadOwn = Object.hasOwn(readable, 'read');
  const read = readable.read;
  defineHidden(readable, 'read', function readFirst(this: unknown) {
    stats.onFirstPull();
    if (readable.read === readFirst) {
      if (hadOwn) defineHidden(readable, 'read', read);
      else delete (readable as Partial<ReadableLike>).read;
    }
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed, without a copy
    return Reflect.apply(read, this, arguments);
  });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
