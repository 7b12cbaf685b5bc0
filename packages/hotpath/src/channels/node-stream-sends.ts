import type { ChannelStats } from '../registry/channel-stats.js';
import { nowMs } from '../registry/clock.js';
import { patch } from './patch.js';

/**
 * Sends derived, for a first-in first-out object-mode Node stream (a Readable, a Writable, a plain
 * PassThrough): every message sent is either received (counted where the stream delivers it) or still
 * in the stream's own buffers, so `sent = received + queued`, read when the row is. That leaves one
 * patched call per message (the delivery) instead of two.
 *
 * The buffers stop telling the truth in three places, each watched by a method called once, not per
 * message: `destroy()` (Node drops what a Writable still buffers a tick later: the count is frozen
 * first), a failed write (the same, through the write's completion), and `unshift()` (a chunk given back
 * is in the buffer again though sent once: counted apart).
 */
export interface SendsFromBuffer {
  /** The messages sent so far, as the stream's state says now; null once the stream is gone. */
  liveSent(): number | null;
  /** Called where the stream is about to drop its buffers: the count stays what it is now. */
  freeze(): void;
}

export function deriveSends(
  stream: object,
  /** The stream, held weakly: what the stats keep must not keep the stream alive. */
  weakStream: WeakRef<object>,
  stats: ChannelStats,
  queued: () => number | null,
  sendMethod: 'write' | 'push',
  canUnshift: boolean,
): SendsFromBuffer {
  const sends = new DerivedSends(stats, queued);
  stats.derive = sends.derive;
  const timer = new SendTimer(stream, weakStream, stats, sends, sendMethod);
  watchBufferChanges(stream, weakStream, sends, timer, canUnshift);
  return sends;
}

/**
 * The count itself. The stats keep it (through `derive`) after the stream has finished, so it holds
 * nothing that leads to the stream, not even weakly (see `NodeStreamProbe.release`).
 */
class DerivedSends implements SendsFromBuffer {
  /** Chunks given back with `unshift()`: in the buffer again, though sent once. */
  unshifted = 0;
  private frozen = false;

  constructor(
    private readonly stats: ChannelStats,
    private readonly queued: () => number | null,
  ) {}

  liveSent(): number | null {
    const items = this.queued();
    return items === null ? null : this.stats.received + items - this.unshifted;
  }

  freeze(): void {
    this.stats.settle();
    this.frozen = true;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  /** Brings `sent` up to date; the stats call it before anything reads their counts. */
  readonly derive = (): void => {
    if (this.frozen) return;
    const live = this.liveSent();
    // Gone (collected unfinished): the count as last read. Never lower than what was read before.
    if (live !== null && live > this.stats.sent) this.stats.sent = live;
  };
}

/**
 * `destroy()` and `unshift()`, watched on the stream itself. In a function of their own: what these
 * closures hold (the stream's weak reference, the timer) must not be in the scope the stats keep.
 */
function watchBufferChanges(
  stream: object,
  weakStream: WeakRef<object>,
  sends: DerivedSends,
  timer: SendTimer,
  canUnshift: boolean,
): void {
  patch<(...args: unknown[]) => unknown>(
    stream,
    'destroy',
    (destroy) =>
      function (this: unknown) {
        if (!sends.isFrozen && this === weakStream.deref()) sends.freeze();
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        return destroy.apply(this, arguments as never);
      },
  );
  if (!canUnshift) return;
  patch<(...args: unknown[]) => unknown>(
    stream,
    'unshift',
    (unshift) =>
      function (this: unknown) {
        const before = this === weakStream.deref() ? sends.liveSent() : null;
        try {
          // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
          return unshift.apply(this, arguments as never);
        } finally {
          // What came back into the buffer, or was delivered again at once (flowing, empty buffer).
          const after = before === null ? null : sends.liveSent();
          if (after !== null && before !== null && after > before) {
            sends.unshifted += after - before;
            timer.cancel();
          }
        }
      },
  );
}

/**
 * Send→receive delay without a per-send hook: the send method is swapped for a timing twin only while a
 * sample is wanted (the own property's value changes; the stream's shape does not), and swapped back at
 * the next accepted send. The timed message's receive is then met by the counter's usual stamp check.
 * Every send is timed until the 64th receive, then the first send after every 256th receive, one sample
 * in flight at a time.
 */
class SendTimer {
  private readonly original: (...args: unknown[]) => unknown;
  private readonly timed: (...args: unknown[]) => unknown;
  private armed = false;
  /** The receive index the timed message will have; 0 while none is in flight. */
  private inFlight = 0;

  /**
   * Held weakly: the stats keep this timer (through `afterReceiveStamp`), and a stream they kept alive
   * could never be collected, so a stream dropped unfinished would stay for ever.
   */
  private readonly stream: WeakRef<object>;

  constructor(
    stream: object,
    weakStream: WeakRef<object>,
    private readonly stats: ChannelStats,
    sends: DerivedSends,
    private readonly method: 'write' | 'push',
  ) {
    this.stream = weakStream;
    const target = stream as Record<string, (...args: unknown[]) => unknown>;
    const original = target[method]!;
    this.original = original;
    const timer = this;
    this.timed = function (this: unknown) {
      const before = timer.armed && this === timer.stream.deref() ? sends.liveSent() : null;
      // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
      if (before === null) return original.apply(this, arguments as never);
      // Stamped before the call: a flowing stream delivers inside it.
      const index = before + 1 + sends.unshifted;
      stats.timeSend(index, nowMs());
      timer.inFlight = index;
      // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
      const result = original.apply(this, arguments as never);
      const after = sends.liveSent();
      // Refused (after end, destroyed): the next send takes the sample instead.
      if (after !== null && after > before && timer.armed) timer.disarm();
      return result;
    };
    // The method becomes an own property now, holding the original: swapping it later moves nothing.
    patch(stream, method, () => original);
    stats.afterReceiveStamp = () => this.onReceiveStamp();
    this.arm();
  }

  /** Called at each receive the counter stamps: the timed message arrived, or it is time for the next. */
  private onReceiveStamp(): void {
    if (this.inFlight !== 0) {
      // Arrived: the next sample waits for the next receive due a stamp.
      if (this.stats.received >= this.inFlight) this.inFlight = 0;
    } else if (!this.armed) this.arm();
  }

  /** An unshift shifts receive indices: the sample in flight would pair with the wrong message. */
  cancel(): void {
    if (this.inFlight !== 0) this.stats.untimeSend(this.inFlight);
    this.inFlight = 0;
    if (!this.armed) this.arm();
  }

  /** Swapped only while the method is still ours: a program that replaced it keeps its own. */
  private arm(): void {
    this.armed = true;
    this.swap(this.original, this.timed);
  }

  private disarm(): void {
    this.armed = false;
    this.swap(this.timed, this.original);
  }

  private swap(from: unknown, to: unknown): void {
    const target = this.stream.deref() as Record<string, unknown> | undefined;
    if (target !== undefined && target[this.method] === from) target[this.method] = to;
  }
}
