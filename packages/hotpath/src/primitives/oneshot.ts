import { ChannelClosedError } from './errors.js';
import { type ChannelObserver, CORE, type Observable } from './stats-hook.js';

type OneshotState = 'waiting' | 'sent' | 'delivered' | 'closed';

/**
 * One value, once. The receiver's promise is made only when someone awaits it, so a oneshot that is
 * closed without a value and never awaited does not raise an unhandled rejection.
 */
export class OneshotCore<T> implements Observable {
  observer: ChannelObserver | null = null;
  readonly capacity = 1;
  readonly flavour = 'oneshot' as const;
  state: OneshotState = 'waiting';
  value: T | undefined = undefined;
  closedBy: 'sender' | 'receiver' | null = null;
  promise: Promise<T> | null = null;
  private resolvePromise: ((value: T) => void) | null = null;
  private rejectPromise: ((error: Error) => void) | null = null;

  queuedCount(): number {
    return this.state === 'sent' ? 1 : 0;
  }

  isFinished(): boolean {
    return this.state === 'delivered' || this.state === 'closed';
  }

  send(value: T): void {
    if (this.state !== 'waiting') {
      throw new ChannelClosedError(
        this.state === 'closed'
          ? `oneshot closed: the ${this.closedBy} was closed`
          : 'oneshot closed: a value was already sent',
      );
    }
    this.value = value;
    this.state = 'sent';
    this.observer?.onSent(value);
    if (this.resolvePromise !== null) this.deliver();
  }

  awaited(): Promise<T> {
    if (this.promise === null) {
      if (this.state === 'sent') {
        this.promise = Promise.resolve(this.value as T);
        this.markDelivered();
      } else if (this.state === 'closed') {
        this.promise = Promise.reject(this.closedError());
      } else {
        this.promise = new Promise<T>((resolve, reject) => {
          this.resolvePromise = resolve;
          this.rejectPromise = reject;
        });
      }
    }
    return this.promise;
  }

  private deliver(): void {
    const resolve = this.resolvePromise!;
    const value = this.value as T;
    this.resolvePromise = null;
    this.rejectPromise = null;
    this.markDelivered();
    resolve(value);
  }

  private markDelivered(): void {
    this.state = 'delivered';
    const observer = this.observer;
    if (observer !== null) {
      observer.onReceived();
      observer.onNotified();
    }
    this.value = undefined;
  }

  close(by: 'sender' | 'receiver'): void {
    if (this.state === 'delivered' || this.state === 'closed') return;
    if (by === 'sender' && this.state === 'sent') return; // the value still goes through
    this.state = 'closed';
    this.closedBy = by;
    this.value = undefined;
    const reject = this.rejectPromise;
    this.resolvePromise = null;
    this.rejectPromise = null;
    this.observer?.onClosed(true);
    if (reject !== null) reject(this.closedError());
  }

  private closedError(): ChannelClosedError {
    return new ChannelClosedError(`oneshot closed: the ${this.closedBy} was closed without a value`);
  }
}

export class OneshotSender<T> {
  /** @internal */
  readonly [CORE]: OneshotCore<T>;

  constructor(core: OneshotCore<T>) {
    this[CORE] = core;
  }

  /** Throws `ChannelClosedError` if the receiver closed or a value was already sent. */
  send(value: T): void {
    this[CORE].send(value);
  }

  /** Closes without a value: the receiver rejects with `ChannelClosedError`. No-op after `send`. */
  close(): void {
    this[CORE].close('sender');
  }
}

export class OneshotReceiver<T> implements PromiseLike<T> {
  /** @internal */
  readonly [CORE]: OneshotCore<T>;

  constructor(core: OneshotCore<T>) {
    this[CORE] = core;
  }

  // biome-ignore lint/suspicious/noThenProperty: a oneshot receiver is awaited like a promise by design
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this[CORE].awaited().then(onFulfilled, onRejected);
  }

  /** Refuses the value: a later `send` throws. Awaiting after this rejects. */
  close(): void {
    this[CORE].close('receiver');
  }
}
