import { config } from '../config.js';
import { recordFault } from '../registry/faults.js';
import type { StreamStats } from '../registry/stream-stats.js';
import { registerStream } from '../registry/streams.js';
import type { StreamAdapter } from './adapter.js';

/**
 * WHATWG `ReadableStream`. A stream's own reads (`for await`, `pipeTo`) bypass any patched method, so
 * the source is read through a pull-through `ReadableStream` with `highWaterMark: 0`: it asks the source
 * for one item only when its consumer asks for one, so the source's queue, `desiredSize` and `pull`
 * calls are what they would have been unwrapped. Byte streams get a byte stream back (BYOB readers work).
 */
export const webReadableAdapter: StreamAdapter = {
  accepts: 'a WHATWG ReadableStream',
  matches: (source) => source instanceof ReadableStream,
  monitor(source, options, callSite) {
    const readable = source as ReadableStream<unknown>;
    const bytes = isByteStream(readable);
    const reader = readable.getReader();
    // Registered once the wrapper exists, so that a wrapper the program drops unfinished ends its row.
    const holder: { stats?: StreamStats } = {};
    const underlying = pullThrough(reader, holder as { stats: StreamStats });
    // One literal `type` per branch, so that each constructor overload accepts its source.
    const wrapper = bytes
      ? new ReadableStream({ type: 'bytes', ...underlying } as never, { highWaterMark: 0 })
      : new ReadableStream(underlying as never, { highWaterMark: 0 });
    holder.stats = registerStream(
      { kind: 'web-readable', log: options?.log, logsLimit: config.logsLimit, timesConsumer: true },
      options,
      callSite,
      wrapper,
    );
    return wrapper;
  },
};

function isByteStream(stream: ReadableStream<unknown>): boolean {
  try {
    stream.getReader({ mode: 'byob' }).releaseLock();
    return true;
  } catch {
    return false;
  }
}

interface Controller {
  byobRequest?: { respond(bytesWritten: number): void } | null;
  enqueue(chunk: unknown): void;
  close(): void;
  error(error: unknown): void;
}

function pullThrough(reader: ReadableStreamDefaultReader<unknown>, holder: { stats: StreamStats }) {
  return {
    start(controller: Controller) {
      // An error with no read pending reaches the consumer's `reader.closed` as soon as it would unwrapped.
      reader.closed.then(undefined, (error: unknown) => {
        if (holder.stats.finished) return;
        holder.stats.onErrored();
        controller.error(error);
      });
    },
    pull(controller: Controller) {
      holder.stats.onPull();
      return reader.read().then(
        (result) => {
          holder.stats.onAnswer();
          if (result.done) {
            holder.stats.onClosed();
            controller.close();
            // A byte stream's pending BYOB read settles as `done` only once its request is answered.
            controller.byobRequest?.respond(0);
          } else {
            holder.stats.onItem(result.value);
            controller.enqueue(result.value);
          }
        },
        (error: unknown) => {
          holder.stats.onAnswer();
          if (!holder.stats.finished) holder.stats.onErrored();
          controller.error(error);
        },
      );
    },
    cancel(reason: unknown) {
      try {
        holder.stats.onCancelled();
      } catch (error) {
        recordFault(error);
      }
      return reader.cancel(reason);
    },
  };
}
