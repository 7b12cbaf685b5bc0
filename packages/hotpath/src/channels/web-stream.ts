import type { ChannelStats } from '../registry/channel-stats.js';
import { registerChannel } from '../registry/channels.js';
import { shielded } from '../registry/faults.js';
import { addPart } from '../registry/pipelines.js';
import type { ReadCounter } from '../streams/read-counter.js';
import {
  isForeignWebStream,
  isNativeReadable,
  isNativeTransform,
  isNativeWritable,
  promiseThen,
  readableIsLocked,
  writableIsLocked,
} from '../streams/web-intrinsics.js';
import { countWebReadable } from '../streams/web-readable.js';
import type { ChannelAdapter } from './adapter.js';
import { noop, weakly } from './patch.js';
import { closedPromise, writableController, writableState } from './web-internals.js';

interface Pair {
  readable: ReadableStream;
  writable: WritableStream;
}

/**
 * A TransformStream or `{ readable, writable }` pair is monitored in place and handed back as itself,
 * nothing locked. Sends are counted where Node sizes each chunk entering the writable (a writer's `write`
 * and a pipe's alike); receives by the readable's own counting twins of its reading methods, the ones
 * `stream(readableStream)` uses. No stream is added in front of the writable, so the producer meets
 * backpressure at the original's own point.
 */
export const webStreamAdapter: ChannelAdapter = {
  accepts: 'a WHATWG TransformStream or { readable, writable } pair',
  matches: (target) => {
    const pair = target as Partial<Pair>;
    return isNativeReadable(pair.readable) && isNativeWritable(pair.writable);
  },
  refuse: (target) => {
    if (!readableIsLocked((target as Pair).readable)) return null;
    return `the WHATWG stream's readable side is locked (a reader or pipe already holds it), so hotpath cannot count what is read from it. Call channel() before getReader(), pipeTo() or pipeThrough().`;
  },
  monitor(target, options, callSite) {
    const { readable, writable } = target as Pair;
    // Everything that can fail on an unknown Node version is looked up before anything is patched.
    const controller = writableController(writableState(writable));
    const readableClosed = closedPromise(readable);
    const writableClosed = closedPromise(writable);
    const isTransform = isNativeTransform(target);
    const capacity = options?.capacity ?? null;
    const stats = registerChannel(
      {
        kind: 'web-stream',
        type: capacity === null ? 'unbounded' : `bounded[${capacity}]`,
        capacity,
        fifo: true,
      },
      options,
      callSite,
      // The program holds this very object, so its collection is the channel's end.
      target,
    );
    // Either side may be piped or named by `after:`: both are this row.
    addPart(readable, stats);
    addPart(writable, stats);
    countSized(controller, (chunk) => stats.onSent(chunk));
    const ends = new Ends(stats);
    countWebReadable(readable, new ReceivingSide(stats, ends), (destination) =>
      countDelivered(destination, stats),
    );
    promiseThen(
      readableClosed,
      () => {
        // Once a TransformStream's readable has closed, its writable can only error from a cancel (a
        // pipe's own cancel reaches no patched method): that is the cancel, not a failure.
        if (isTransform) ends.cancelled = true;
        ends.ended(false);
      },
      () => ends.ended(true),
    );
    promiseThen(
      writableClosed,
      () => ends.ended(false),
      () => ends.ended(true),
    );
    const full = weakly(
      writable,
      (live) => {
        const now = writableState(live);
        return now.state === 'writable' && now.backpressure;
      },
      false,
    );
    stats.probe = {
      // Once both ends are done, whatever was still inside has been discarded with the stream.
      queued: () => (stats.finished ? 0 : stats.sent - stats.received),
      queuedBytes: () => null,
      full,
    };
    return target;
  },
};

/**
 * A TransformStream or pair made by another implementation of WHATWG streams (a polyfill such as
 * `web-streams-polyfill`): refused with a TypeError that says so. Its chunks could only be counted
 * through its public methods, by putting a stream in front of its writable, which would move the
 * producer's backpressure point; and its reads through Node's pipes would go unseen.
 */
export const foreignWebStreamAdapter: ChannelAdapter = {
  // Listed under `webStreamAdapter`'s kind: nothing of this one is accepted.
  accepts: '',
  matches: (target) => {
    const pair = target as Partial<Pair>;
    return isForeignWebStream(pair.readable) || isForeignWebStream(pair.writable);
  },
  refuse: () =>
    "this TransformStream or { readable, writable } pair comes from another implementation of WHATWG streams (such as a polyfill), not Node's own ReadableStream/WritableStream, and hotpath can count only Node's without changing the stream's backpressure. Use Node's TransformStream (globalThis.TransformStream from 'node:stream/web'), or wrap the readable side with stream(), which counts what `for await` reads from it.",
  monitor: (target) => target,
};

type Sized = { sizeAlgorithm?: (chunk: unknown) => number };

/**
 * Calls `count` for each chunk Node sizes, once sized: a size function that throws refuses the chunk,
 * which then did not enter. Returns how to stop.
 */
function countSized(controller: Sized, count: (chunk: unknown) => void): () => void {
  const size = controller.sizeAlgorithm;
  if (typeof size !== 'function') return noop;
  let counting = true;
  const counted = function (this: unknown, chunk: unknown) {
    const weight = size.call(this, chunk);
    if (counting) count(chunk);
    return weight;
  };
  controller.sizeAlgorithm = counted;
  return () => {
    counting = false;
    if (controller.sizeAlgorithm === counted) controller.sizeAlgorithm = size;
  };
}

/** A `pipeTo` out of the readable: each chunk its destination takes is a receive, with no stream added. */
function countDelivered(destination: unknown, stats: ChannelStats): (() => void) | null {
  if (!isNativeWritable(destination) || writableIsLocked(destination)) return null;
  const controller = writableController(writableState(destination));
  if (typeof controller.sizeAlgorithm !== 'function') return null;
  return countSized(controller, () => stats.onReceived());
}

/**
 * The row ends once both ends have: in `errored` if either failed, else in `closed`. A consumer's
 * `cancel` errors a TransformStream's writable side by design; that is the cancel, not a failure.
 */
class Ends {
  private open = 2;
  private failed = false;
  cancelled = false;

  constructor(private readonly stats: ChannelStats) {}

  ended(failed: boolean): void {
    shielded(() => {
      if (failed && !this.cancelled) this.failed = true;
      if (--this.open > 0) {
        if (!this.failed) this.stats.onClosed(false);
        return;
      }
      if (this.failed) this.stats.onErrored();
      else this.stats.onClosed(true);
    }, undefined);
  }
}

/** The readable's reads as the channel sees them: each chunk handed out is a receive. */
class ReceivingSide implements ReadCounter {
  finished = false;

  constructor(
    private readonly stats: ChannelStats,
    private readonly ends: Ends,
  ) {}

  onPull(): void {}
  onAnswer(): void {}
  onItem(): void {
    this.stats.onReceived();
  }
  onClosed(): void {
    this.finished = true;
  }
  onErrored(): void {
    this.finished = true;
  }
  onCancelled(): void {
    this.finished = true;
    this.ends.cancelled = true;
  }
}
