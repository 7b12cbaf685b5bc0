import { config } from '../config.js';
import type { ChannelStats } from '../registry/channel-stats.js';
import { registerChannel } from '../registry/channels.js';
import { recordFault } from '../registry/faults.js';
import type { ChannelAdapter } from './adapter.js';
import { noop } from './patch.js';

interface Pair {
  readable: ReadableStream;
  writable: WritableStream;
}

/**
 * WHATWG streams are branded and `for await`/`pipeTo` use internal readers, so an existing stream cannot
 * be watched in place. The program gets a stream of the same type whose two ends lock the original's and
 * forward without holding anything back: the readable pulls one chunk per read it is asked for
 * (high-water mark 0), the writable forwards each chunk at once and reports done when the original is
 * ready for more, so the producer meets backpressure at the original's own point.
 */
export const webStreamAdapter: ChannelAdapter = {
  accepts: 'a WHATWG TransformStream or { readable, writable } pair',
  matches: (target) => {
    const pair = target as Partial<Pair>;
    return pair.readable instanceof ReadableStream && pair.writable instanceof WritableStream;
  },
  refuse: (target) => {
    const { readable, writable } = target as Pair;
    if (!readable.locked && !writable.locked) return null;
    const side = readable.locked ? 'readable' : 'writable';
    return `the WHATWG stream's ${side} side is locked (a reader, writer or pipe already holds it), so hotpath cannot count what passes through it. Call channel() before getReader(), getWriter(), pipeTo() or pipeThrough().`;
  },
  monitor(target, options, callSite) {
    const inner = target as Pair;
    const capacity = options?.capacity ?? null;
    const stats = registerChannel(
      {
        kind: 'web-stream',
        type: capacity === null ? 'unbounded' : `bounded[${capacity}]`,
        capacity,
        fifo: true,
        log: options?.log,
        logsLimit: config.logsLimit,
      },
      options,
      callSite,
    );
    const writer = inner.writable.getWriter();
    const reader = inner.readable.getReader();
    const ends = new Ends(stats);
    const readable = countingReadable(reader, stats, ends);
    const writable = countingWritable(writer, stats, ends);
    const writerRef = new WeakRef(writer);
    stats.probe = {
      // Once both ends are done, whatever was still inside has been discarded with the stream.
      queued: () => (stats.finished ? 0 : stats.sent - stats.received),
      queuedBytes: () => null,
      full: () => {
        const size = writerRef.deref()?.desiredSize;
        return typeof size === 'number' && size <= 0;
      },
    };
    const shape =
      target instanceof TransformStream ? TransformStream.prototype : Object.getPrototypeOf(target);
    const result = Object.create(shape) as Record<string, unknown>;
    if (!(target instanceof TransformStream)) Object.assign(result, target);
    Object.defineProperty(result, 'readable', { value: readable, enumerable: true });
    Object.defineProperty(result, 'writable', { value: writable, enumerable: true });
    return result;
  },
};

/**
 * The row ends once both ends have: in `errored` if either failed, else in `closed`. A consumer's
 * `cancel` errors the original's writable side by design; that is the cancel, not a failure.
 */
class Ends {
  private open = 2;
  private failed = false;
  cancelled = false;

  constructor(private readonly stats: ChannelStats) {}

  ended(failed: boolean): void {
    if (failed && !this.cancelled) this.failed = true;
    if (--this.open > 0) {
      if (!this.failed) this.stats.onClosed(false);
      return;
    }
    if (this.failed) this.stats.onErrored();
    else this.stats.onClosed(true);
  }
}

function countingReadable(
  reader: ReadableStreamDefaultReader,
  stats: ChannelStats,
  ends: Ends,
): ReadableStream {
  let done = false;
  const end = (failed: boolean) => {
    if (done) return;
    done = true;
    ends.ended(failed);
  };
  return new ReadableStream(
    {
      start(controller) {
        // An error inside the original reaches the consumer at once, as it would unwrapped.
        reader.closed.then(noop, (error) => {
          end(true);
          try {
            controller.error(error);
          } catch (fault) {
            recordFault(fault);
          }
        });
      },
      pull(controller) {
        return reader.read().then((result) => {
          if (result.done) {
            end(false);
            controller.close();
          } else {
            stats.onReceived();
            controller.enqueue(result.value);
          }
        });
      },
      cancel(reason) {
        ends.cancelled = true;
        end(false);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function countingWritable(
  writer: WritableStreamDefaultWriter,
  stats: ChannelStats,
  ends: Ends,
): WritableStream {
  let done = false;
  const end = (failed: boolean) => {
    if (done) return;
    done = true;
    ends.ended(failed);
  };
  return new WritableStream(
    {
      start(controller) {
        writer.closed.then(
          () => end(false),
          (error) => {
            end(true);
            try {
              controller.error(error);
            } catch (fault) {
              recordFault(fault);
            }
          },
        );
      },
      write(chunk) {
        // Its rejection also errors `ready` and `closed`, which is where the producer sees it.
        writer.write(chunk).catch(noop);
        return writer.ready;
      },
      close() {
        return writer.close();
      },
      abort(reason) {
        return writer.abort(reason);
      },
    },
    {
      // The strategy sees every chunk the producer writes, whether through a writer or a pipe.
      highWaterMark: 1,
      size(chunk) {
        stats.onSent(chunk);
        return 1;
      },
    },
  );
}
