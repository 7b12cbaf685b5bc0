import { Deque } from './deque.js';
import { ChannelClosedError } from './errors.js';
import { type ChannelObserver, CORE, type Observable } from './stats-hook.js';

/** Marks "closed and drained" inside the channel, so that `undefined` stays a sendable value. */
const CLOSED: unique symbol = Symbol('closed');
type Closed = typeof CLOSED;
/** Marks "nothing buffered yet" for the same reason. */
const EMPTY: unique symbol = Symbol('empty');
type Empty = typeof EMPTY;

interface WaitingSender<T> {
  value: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The state shared by a sender and a receiver. A value counts as sent when the channel accepts it (into
 * the buffer, or straight into a waiting receiver) and as received when it leaves the channel, so that
 * `sent - received` is exactly what is buffered.
 */
export class QueueCore<T> implements Observable {
  observer: ChannelObserver | null = null;
  readonly buffer = new Deque<T>();
  readonly receivers = new Deque<(value: T | Closed) => void>();
  readonly senders = new Deque<WaitingSender<T>>();
  senderClosed = false;
  receiverClosed = false;

  constructor(
    readonly capacity: number,
    readonly flavour: 'bounded' | 'unbounded',
  ) {}

  queuedCount(): number {
    return this.buffer.length;
  }

  isFinished(): boolean {
    if (this.buffer.length > 0) return false;
    return this.receiverClosed || (this.senderClosed && this.senders.length === 0);
  }

  /** Hands `value` to the channel if it can take it now; false when full. */
  offer(value: T): boolean {
    if (this.receivers.length > 0) {
      const receive = this.receivers.shift()!;
      const observer = this.observer;
      if (observer !== null) {
        observer.onSent(value);
        observer.onReceived();
      }
      receive(value);
      return true;
    }
    if (this.buffer.length < this.capacity) {
      this.buffer.push(value);
      if (this.observer !== null) this.observer.onSent(value);
      return true;
    }
    return false;
  }

  /** Takes the next value, or CLOSED when there is none and none can come, or EMPTY when none yet. */
  take(): T | Closed | Empty {
    if (this.buffer.length > 0) {
      const value = this.buffer.shift() as T;
      const observer = this.observer;
      if (observer !== null) observer.onReceived();
      if (this.senders.length > 0) this.admitWaitingSender();
      else if (observer !== null && this.buffer.length === 0 && this.isFinished()) observer.onDrained();
      return value;
    }
    if (this.senderClosed || this.receiverClosed) return CLOSED;
    return EMPTY;
  }

  private admitWaitingSender(): void {
    const waiting = this.senders.shift()!;
    this.buffer.push(waiting.value);
    if (this.observer !== null) this.observer.onSent(waiting.value);
    waiting.resolve();
  }

  closeSender(): void {
    if (this.senderClosed) return;
    this.senderClosed = true;
    // Receivers only wait on an empty buffer, so they can be told "closed" now.
    for (const receive of this.receivers.clear()) receive(CLOSED);
    this.observer?.onClosed(this.isFinished());
  }

  closeReceiver(): void {
    if (this.receiverClosed) return;
    this.receiverClosed = true;
    const error = new ChannelClosedError('channel closed: the receiver was closed');
    for (const waiting of this.senders.clear()) waiting.reject(error);
    for (const receive of this.receivers.clear()) receive(CLOSED);
    this.observer?.onClosed(this.isFinished());
  }
}

export class Sender<T> {
  /** @internal */
  readonly [CORE]: QueueCore<T>;

  constructor(core: QueueCore<T>) {
    this[CORE] = core;
  }

  /** Resolves once the channel has accepted `value`; waits while the channel is full. */
  send(value: T): Promise<void> {
    const core = this[CORE];
    if (core.senderClosed || core.receiverClosed) return Promise.reject(closedError(core));
    if (core.senders.length === 0 && core.offer(value)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => core.senders.push({ value, resolve, reject }));
  }

  /** Sends `value` if there is room now; `false` when the channel is full. */
  trySend(value: T): boolean {
    const core = this[CORE];
    if (core.senderClosed || core.receiverClosed) throw closedError(core);
    return core.senders.length === 0 && core.offer(value);
  }

  /** No more sends; the receiver still gets everything already sent, then `undefined`. */
  close(): void {
    this[CORE].closeSender();
  }

  get closed(): boolean {
    const core = this[CORE];
    return core.senderClosed || core.receiverClosed;
  }
}

export class Receiver<T> implements AsyncIterable<T> {
  /** @internal */
  readonly [CORE]: QueueCore<T>;

  constructor(core: QueueCore<T>) {
    this[CORE] = core;
  }

  /** The next value; `undefined` once the channel is closed and drained. */
  recv(): Promise<T | undefined> {
    const core = this[CORE];
    const value = core.take();
    if (value === CLOSED) return Promise.resolve(undefined);
    if (value !== EMPTY) return Promise.resolve(value);
    return new Promise<T | undefined>((resolve) =>
      core.receivers.push((next) => resolve(next === CLOSED ? undefined : next)),
    );
  }

  /** The next value if one is buffered now, else `undefined`. */
  tryRecv(): T | undefined {
    const value = this[CORE].take();
    return value === CLOSED || value === EMPTY ? undefined : value;
  }

  /** Stops all sending: waiting and later sends reject. What is buffered can still be received. */
  close(): void {
    this[CORE].closeReceiver();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const core = this[CORE];
    return {
      next(): Promise<IteratorResult<T>> {
        const value = core.take();
        if (value === CLOSED) return Promise.resolve({ value: undefined, done: true });
        if (value !== EMPTY) return Promise.resolve({ value, done: false });
        return new Promise((resolve) =>
          core.receivers.push((next) =>
            resolve(next === CLOSED ? { value: undefined, done: true } : { value: next, done: false }),
          ),
        );
      },
      return(): Promise<IteratorResult<T>> {
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

function closedError(core: { receiverClosed: boolean }): ChannelClosedError {
  return new ChannelClosedError(
    core.receiverClosed ? 'channel closed: the receiver was closed' : 'channel closed: the sender was closed',
  );
}
