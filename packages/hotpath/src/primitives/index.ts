import { OneshotCore, OneshotReceiver, OneshotSender } from './oneshot.js';
import { QueueCore, Receiver, Sender } from './queue-channel.js';

export { ChannelClosedError } from './errors.js';
export { OneshotReceiver, OneshotSender } from './oneshot.js';
export { Receiver, Sender } from './queue-channel.js';

/** A channel that holds at most `capacity` values; `send` waits while it is full. */
export function bounded<T>(capacity: number): [Sender<T>, Receiver<T>] {
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`bounded(capacity): capacity must be an integer >= 1, got ${describe(capacity)}`);
  }
  const core = new QueueCore<T>(capacity, 'bounded');
  return [new Sender(core), new Receiver(core)];
}

/** A channel without a limit; `send` never waits. */
export function unbounded<T>(): [Sender<T>, Receiver<T>] {
  const core = new QueueCore<T>(Number.POSITIVE_INFINITY, 'unbounded');
  return [new Sender(core), new Receiver(core)];
}

/** A channel for exactly one value; the receiver is awaited like a promise. */
export function oneshot<T>(): [OneshotSender<T>, OneshotReceiver<T>] {
  const core = new OneshotCore<T>();
  return [new OneshotSender(core), new OneshotReceiver(core)];
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
