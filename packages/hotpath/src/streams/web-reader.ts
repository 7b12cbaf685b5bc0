import { recordFault, shielded } from '../registry/faults.js';
import { defineHidden } from './patch.js';
import type { ReadCounter } from './read-counter.js';
import { promiseThen } from './web-intrinsics.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;
type ReadResult = { done: boolean; value?: unknown };

interface Reader {
  read: Method;
  cancel: Method;
  releaseLock: Method;
  readonly closed: Promise<undefined>;
}

/**
 * Counts what a reader of a monitored `ReadableStream` (default or BYOB) hands out: `read` gets an
 * instance-level twin that observes each result with one `.then`. The stream's end is seen on
 * `reader.closed` (closed, or errored even with no read pending); a rejected read alone is not an
 * error of the stream (it also rejects when the reader is released or given a bad view).
 */
export function countReader(reader: Reader, stats: ReadCounter): void {
  const read = reader.read;
  const settle = (result: ReadResult) => {
    try {
      stats.onAnswer();
      if (result.done) stats.onClosed();
      else stats.onItem(result.value);
    } catch (error) {
      recordFault(error);
    }
    return result;
  };
  const fail = (error: unknown) => {
    try {
      stats.onAnswer();
    } catch (fault) {
      recordFault(fault);
    }
    throw error;
  };
  // Named parameters rather than `arguments`: nothing is allocated per read. A BYOB reader's `options`
  // defaults when undefined, so passing both always is the same call.
  defineHidden(reader, 'read', function countedRead(this: unknown, view?: unknown, options?: unknown) {
    stats.onPull();
    const pending = (
      view === undefined && options === undefined ? read.call(this) : read.call(this, view, options)
    ) as Promise<ReadResult>;
    return promiseThen(pending, settle, fail);
  });

  let released = false;
  // `closed` is marked handled by the stream itself, so observing it changes no rejection's fate.
  promiseThen(
    reader.closed,
    () => shielded(() => stats.onClosed(), undefined),
    // Released: `closed` rejects with a TypeError of its own, and the stream is not errored.
    () => shielded(() => released || stats.onErrored(), undefined),
  );
  const releaseLock = reader.releaseLock;
  defineHidden(reader, 'releaseLock', function releaseLockCounted(this: unknown) {
    if (this === reader) released = true;
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
    return Reflect.apply(releaseLock, this, arguments);
  });
  const cancel = reader.cancel;
  defineHidden(reader, 'cancel', function cancelCounted(this: unknown) {
    // Marked first: the source's `cancel` runs inside this call.
    if (this === reader && !released && !stats.finished) stats.onCancelled();
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
    return Reflect.apply(cancel, this, arguments);
  });
}
