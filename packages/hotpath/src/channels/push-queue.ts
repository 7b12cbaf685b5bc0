import type { ChannelStats } from '../registry/channel-stats.js';
import { registerChannel } from '../registry/channels.js';
import type { ChannelAdapter } from './adapter.js';
import { patch, weakly } from './patch.js';

/** `it-pushable`'s shape: `push` in, `next` out, `end` to finish. */
interface Pushable {
  push(value: unknown): unknown;
  end(error?: unknown): unknown;
  next(): Promise<IteratorResult<unknown>>;
  return(): unknown;
  throw(error?: unknown): unknown;
  readableLength: number;
}

/** `async-channel`'s shape: `push` in, `get` out (also through `then` and `for await`), `close`. */
interface AsyncChannel {
  push(value: unknown): Promise<void>;
  throw(error: unknown): Promise<void>;
  get(): Promise<unknown>;
  close(clear?: boolean): void;
  readonly bufferSize: number;
  readonly bufferCapacity: number;
  readonly closed: boolean;
  readonly done: boolean;
  _senders: unknown[];
  _receivers: unknown[];
}

export const pushQueueAdapter: ChannelAdapter = {
  accepts: 'a push/next queue shaped like it-pushable or async-channel',
  matches: (target) => isPushable(target) || isAsyncChannel(target),
  monitor(target, options, callSite) {
    const bounded = isAsyncChannel(target);
    const capacity = bounded ? target.bufferCapacity : null;
    const stats = registerChannel(
      {
        kind: 'push-queue',
        type: capacity === null ? 'unbounded' : `bounded[${capacity}]`,
        capacity,
        fifo: true,
      },
      options,
      callSite,
      target,
    );
    if (bounded) monitorAsyncChannel(target, stats);
    else monitorPushable(target as Pushable, stats);
    return target;
  },
};

function isPushable(target: object): target is Pushable {
  const queue = target as Partial<Pushable>;
  return (
    typeof queue.push === 'function' &&
    typeof queue.next === 'function' &&
    typeof queue.end === 'function' &&
    typeof queue.readableLength === 'number'
  );
}

function isAsyncChannel(target: object): target is AsyncChannel {
  const queue = target as Partial<AsyncChannel>;
  return (
    typeof queue.push === 'function' &&
    typeof queue.get === 'function' &&
    typeof queue.close === 'function' &&
    typeof queue.bufferCapacity === 'number' &&
    Array.isArray(queue._senders) &&
    Array.isArray(queue._receivers)
  );
}

/**
 * it-pushable buffers without bound and never refuses a push before `end`. A receive happens inside
 * `next()` when something is buffered, or else inside the `push()` that wakes the waiting `next()`: both
 * are seen synchronously, so no promise of the caller's is touched.
 */
function monitorPushable(queue: Pushable, stats: ChannelStats): void {
  let ended = false;
  let waiting = 0;
  // `return()`, `throw()` and `end(error)` empty the buffer: what was in it will never be received.
  let discarded = 0;
  stats.probe = {
    queued: () => stats.sent - stats.received - discarded,
    queuedBytes: () => null,
    full: () => false,
  };
  patch<Pushable['push']>(
    queue,
    'push',
    (push) =>
      function (this: unknown, value: unknown) {
        const result = push.call(this, value);
        if (!ended) {
          stats.onSent(value);
          if (waiting > 0) {
            waiting--;
            stats.onReceived();
          }
        }
        return result;
      },
  );
  patch<Pushable['next']>(
    queue,
    'next',
    (next) =>
      function (this: Pushable) {
        if (stats.sent - stats.received - discarded > 0) stats.onReceived();
        else if (ended) {
          if (stats.state !== 'errored') stats.onClosed(true);
        } else waiting++;
        return next.call(this);
      },
  );
  for (const name of ['end', 'return', 'throw'] as const) {
    patch<(error?: unknown) => unknown>(
      queue,
      name,
      (finish) =>
        function (this: unknown, error?: unknown) {
          if (name !== 'end' || error != null) discarded = stats.sent - stats.received;
          if (!ended) {
            ended = true;
            waiting = 0;
            stats.onClosed(false);
          }
          if (error != null && stats.state !== 'errored') stats.onErrored();
          // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
          return finish.apply(this, arguments as never);
        },
    );
  }
}

/**
 * async-channel hands a value over synchronously inside `push` (to a waiting receiver) or `get` (from the
 * buffer or a waiting sender), so both counts are taken there, before the call, from its own lists.
 */
function monitorAsyncChannel(queue: AsyncChannel, stats: ChannelStats): void {
  const read = weakly(queue, (live) => ({ queued: live.bufferSize, full: live._senders.length > 0 }), {
    queued: 0,
    full: false,
  });
  stats.probe = { queued: () => read().queued, queuedBytes: () => null, full: () => read().full };
  stats.sent = queue.bufferSize + queue._senders.length;
  const send = (original: AsyncChannel['push']) =>
    function (this: AsyncChannel, value: unknown) {
      if (!this.closed) {
        stats.onSent(value);
        if (this._receivers.length > 0) stats.onReceived();
      }
      return original.call(this, value);
    };
  patch(queue, 'push', send);
  patch(queue, 'throw', send);
  patch<AsyncChannel['get']>(
    queue,
    'get',
    (get) =>
      function (this: AsyncChannel) {
        if (this.bufferSize > 0 || this._senders.length > 0) stats.onReceived();
        const result = get.call(this);
        if (this.done) stats.onClosed(true);
        return result;
      },
  );
  patch<AsyncChannel['close']>(
    queue,
    'close',
    (close) =>
      function (this: AsyncChannel) {
        const wasClosed = this.closed;
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        const result = close.apply(this, arguments as never);
        if (!wasClosed) stats.onClosed(this.done);
        return result;
      },
  );
}
