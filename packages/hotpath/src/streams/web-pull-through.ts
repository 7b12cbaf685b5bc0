import { recordFault } from '../registry/faults.js';
import type { ReadCounter } from './read-counter.js';

type GetReader = (this: unknown, options?: { mode: 'byob' }) => ReadableStreamDefaultReader<unknown>;

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
 * `getReader` is the source's own, unpatched one, so that these reads are counted once, here.
 */
export function pullThrough(
  source: ReadableStream<unknown>,
  getReader: GetReader,
  stats: ReadCounter,
  releaseAtEnd: boolean,
): PullThrough {
  const bytes = isByteStream(source, getReader);
  const reader = getReader.call(source);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    reader.releaseLock();
  };
  // `pipeThrough` hides its pipe's promise: the source is unlocked when it ends instead (closed,
  // errored or cancelled), as the pipe would leave it. `tee` keeps its source locked for good.
  const ended = releaseAtEnd ? release : () => {};
  const underlying = {
    start(controller: Controller) {
      // An error with no read pending reaches the pipe as soon as it would unwrapped.
      reader.closed.then(undefined, (error: unknown) => {
        if (released || stats.finished) return;
        stats.onErrored();
        controller.error(error);
        ended();
      });
    },
    pull(controller: Controller) {
      stats.onPull();
      return reader.read().then(
        (result) => {
          stats.onAnswer();
          if (result.done) {
            stats.onClosed();
            controller.close();
            // A byte stream's pending BYOB read settles as `done` only once its request is answered.
            controller.byobRequest?.respond(0);
            ended();
          } else {
            stats.onItem(result.value);
            controller.enqueue(result.value);
          }
        },
        (error: unknown) => {
          stats.onAnswer();
          // Released by us when the pipe ended: the source was not errored.
          if (released) return;
          if (!stats.finished) stats.onErrored();
          controller.error(error);
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
      const cancelled = reader.cancel(reason);
      if (releaseAtEnd) cancelled.then(release, release);
      return cancelled;
    },
  };
  // One literal `type` per branch, so that each constructor overload accepts its source.
  const stream = bytes
    ? new ReadableStream({ type: 'bytes', ...underlying } as never, { highWaterMark: 0 })
    : new ReadableStream(underlying as never, { highWaterMark: 0 });
  return {
    stream,
    release,
  };
}

interface Controller {
  byobRequest?: { respond(bytesWritten: number): void } | null;
  enqueue(chunk: unknown): void;
  close(): void;
  error(error: unknown): void;
}

function isByteStream(stream: ReadableStream<unknown>, getReader: GetReader): boolean {
  try {
    getReader.call(stream, { mode: 'byob' }).releaseLock();
    return true;
  } catch {
    return false;
  }
}
