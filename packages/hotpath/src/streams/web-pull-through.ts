import { recordFault } from '../registry/faults.js';
import type { ReadCounter } from './read-counter.js';
import {
  byteControllerOps,
  type ControllerOps,
  defaultControllerOps,
  getNativeReader,
  NativeReadableStream,
  promiseThen,
  type ReadResult,
  readerOps,
} from './web-intrinsics.js';

export interface PullThrough {
  /** The stream to run the pipe on; it reads `source` one chunk per ask. */
  readonly stream: ReadableStream<unknown>;
  /** Unlocks `source` again, as a finished pipe leaves it. */
  release(): void;
}

/**
 * Node's `pipeTo`, `pipeThrough` and `tee` read a stream through internal readers that no patched
 * method sees, so those paths run on a pull-through `ReadableStream` with `highWaterMark: 0`: it asks
 * the source for one chunk only when its own reader asks for one, so the source's queue, `desiredSize`
 * and `pull` calls are what they would have been unwrapped. A byte source gets a byte stream.
 * Everything here is Node's own, captured at load (`web-intrinsics.ts`): the reader, its methods, the
 * constructor and the controllers' methods, as Node's pipes never consult the global or a subclass.
 * Should anything fail once the reader is taken, the lock is released before the error leaves, so
 * that the caller can fall back to the raw method on the source as it found it.
 */
export function pullThrough(
  source: ReadableStream<unknown>,
  stats: ReadCounter,
  releaseAtEnd: boolean,
): PullThrough {
  const bytes = isByteStream(source);
  const reader = getNativeReader(source);
  try {
    return readThrough(reader, bytes, stats, releaseAtEnd);
  } catch (error) {
    readerOps.releaseLock(reader);
    throw error;
  }
}

function readThrough(
  reader: unknown,
  bytes: boolean,
  stats: ReadCounter,
  releaseAtEnd: boolean,
): PullThrough {
  const ops: ControllerOps = bytes ? byteControllerOps : defaultControllerOps;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    readerOps.releaseLock(reader);
  };
  // `pipeThrough` hides its pipe's promise: the source is unlocked when it ends instead (closed,
  // errored or cancelled), as the pipe would leave it. `tee` keeps its source locked for good.
  const ended = releaseAtEnd ? release : () => {};
  const underlying = {
    start(controller: unknown) {
      // An error with no read pending reaches the pipe as soon as it would unwrapped.
      promiseThen(readerOps.closed(reader), undefined, (error: unknown) => {
        if (released || stats.finished) return;
        stats.onErrored();
        ops.error(controller, error);
        ended();
      });
    },
    pull(controller: unknown) {
      stats.onPull();
      return promiseThen(
        readerOps.read(reader),
        (result: ReadResult) => {
          stats.onAnswer();
          if (result.done) {
            stats.onClosed();
            ops.close(controller);
            // A byte stream's pending BYOB read settles as `done` only once its request is answered.
            ops.respondDone(controller);
            ended();
          } else {
            stats.onItem(result.value);
            ops.enqueue(controller, result.value);
          }
        },
        (error: unknown) => {
          stats.onAnswer();
          // Released by us when the pipe ended: the source was not errored.
          if (released) return;
          if (!stats.finished) stats.onErrored();
          ops.error(controller, error);
          ended();
        },
      );
    },
    cancel(reason: unknown) {
      try {
        stats.onCancelled();
      } catch (error) {
        recordFault(error);
      }
      const cancelled = readerOps.cancel(reader, reason);
      if (releaseAtEnd) promiseThen(cancelled, release, release);
      return cancelled;
    },
  };
  // One literal `type` per branch, so that each constructor overload accepts its source.
  const stream = bytes
    ? new NativeReadableStream({ type: 'bytes', ...underlying } as never, { highWaterMark: 0 })
    : new NativeReadableStream(underlying as never, { highWaterMark: 0 });
  return {
    stream,
    release,
  };
}

function isByteStream(stream: ReadableStream<unknown>): boolean {
  try {
    readerOps.releaseBYOB(getNativeReader(stream, { mode: 'byob' }));
    return true;
  } catch {
    return false;
  }
}
