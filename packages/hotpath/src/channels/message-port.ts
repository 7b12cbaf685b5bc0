import { createRequire, syncBuiltinESMExports } from 'node:module';
import { BroadcastChannel, MessageChannel, MessagePort } from 'node:worker_threads';
import type { ChannelStats } from '../registry/channel-stats.js';
import { registerChannel } from '../registry/channels.js';
import type { ChannelAdapter } from './adapter.js';
import { isObject, patch } from './patch.js';

type Port = MessagePort | BroadcastChannel;
type Listener = ((...args: unknown[]) => unknown) | { handleEvent(event: unknown): unknown };

/** Which stats a port reports to, for `receiveMessageOnPort`. Weak: a port's row never holds it. */
const portStats = new WeakMap<object, PortCounter>();

/**
 * Ports on one thread. Sends are `postMessage`; receives are the user's own listeners being called, so
 * every listener added for `'message'` (through `on`, `once`, `addEventListener` or `onmessage`, which all
 * end in `addEventListener`) is wrapped, and `receiveMessageOnPort` is counted too. hotpath never adds a
 * `'message'` listener of its own: that would start and ref the port and keep the process alive.
 */
export const messagePortAdapter: ChannelAdapter = {
  accepts: 'a MessageChannel, MessagePort or BroadcastChannel',
  matches: (target) =>
    target instanceof MessageChannel ||
    target instanceof MessagePort ||
    target instanceof BroadcastChannel ||
    (isObject(target) && target.port1 instanceof MessagePort && target.port2 instanceof MessagePort),
  monitor(target, options, callSite) {
    const isChannel = !(target instanceof MessagePort || target instanceof BroadcastChannel);
    const stats = registerChannel(
      {
        kind: 'message-port',
        type: 'unbounded',
        capacity: null,
        fifo: isChannel,
      },
      options,
      callSite,
      target,
    );
    countReceiveMessageOnPort();
    if (isChannel) {
      // Both ends on this thread: everything posted is either delivered or still waiting.
      stats.probe = {
        queued: () => stats.sent - stats.received,
        queuedBytes: () => null,
        full: () => false,
      };
      const { port1, port2 } = target as MessageChannel;
      watchPort(port1, stats);
      watchPort(port2, stats);
    } else {
      // One end only: what it posts goes elsewhere and what it receives came from elsewhere.
      stats.probe = { queued: () => 0, queuedBytes: () => null, full: () => false };
      watchPort(target as Port, stats);
    }
    return target;
  },
};

/**
 * Counts one receive per message however many listeners it reaches. Listeners run in the order they
 * were added, so the first one still registered counts for all. Where hotpath cannot follow removals
 * (a listener added with an AbortSignal is removed by the signal, inside Node), it falls back to
 * counting the first call before the next microtask checkpoint, which Node runs between messages.
 */
class PortCounter {
  private readonly order: object[] = [];
  private untracked = false;
  private delivering = false;
  private readonly settle = () => {
    this.delivering = false;
  };

  constructor(readonly stats: ChannelStats) {}

  added(wrapper: object, options: unknown): void {
    if (isObject(options) && options.signal !== undefined) this.untracked = true;
    if (!this.order.includes(wrapper)) this.order.push(wrapper);
  }

  removed(wrapper: object): void {
    const at = this.order.indexOf(wrapper);
    if (at >= 0) this.order.splice(at, 1);
  }

  delivered(wrapper: object): void {
    if (!this.untracked) {
      if (this.order[0] === wrapper) this.stats.onReceived();
      return;
    }
    if (this.delivering) return;
    this.delivering = true;
    this.stats.onReceived();
    queueMicrotask(this.settle);
  }
}

function watchPort(port: Port, stats: ChannelStats): void {
  const counter = new PortCounter(stats);
  portStats.set(port, counter);
  let closed = false;
  patch<(value: unknown, transfer?: unknown) => void>(
    port,
    'postMessage',
    (post) =>
      function (this: unknown, value: unknown) {
        // A native method reached through `apply` takes V8's generic call path (profiled: most of the
        // monitored send's cost); called directly it is a fast API call. Only the one-argument form
        // is sure to mean the same called that way (no arguments at all must still throw).
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        const many = arguments.length !== 1;
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        const result = many ? post.apply(this, arguments as never) : post.call(this, value);
        if (!closed) stats.onSent(value);
        return result;
      },
  );
  patch<() => void>(
    port,
    'close',
    (close) =>
      function (this: unknown) {
        if (!closed) {
          closed = true;
          stats.onClosed(true);
        }
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        return close.apply(this, arguments as never);
      },
  );
  const wrappers = new WeakMap<object, Listener>();
  const wrap = (listener: Listener, once: boolean): Listener => {
    let wrapper = wrappers.get(listener);
    if (wrapper === undefined) {
      // A `once` listener leaves Node's list after its call without passing through removeEventListener;
      // it leaves ours once the other listeners have had this message.
      const delivered = () => {
        counter.delivered(wrapper!);
        if (once) queueMicrotask(() => counter.removed(wrapper!));
      };
      wrapper =
        typeof listener === 'function'
          ? function (this: unknown) {
              delivered();
              // Node hands a message listener one argument; a plain call forwards it without the
              // `apply` path (≈2 ns a message, measured), and anything else is still forwarded whole.
              // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
              if (arguments.length === 1) return listener.call(this, arguments[0]);
              // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
              return listener.apply(this, arguments as never);
            }
          : {
              handleEvent(event: unknown) {
                delivered();
                return listener.handleEvent(event);
              },
            };
      wrappers.set(listener, wrapper);
    }
    return wrapper;
  };
  const isMessageListener = (type: unknown, listener: unknown): listener is Listener =>
    type === 'message' && (typeof listener === 'function' || isObject(listener));
  patch<(type: string, listener: unknown, options?: unknown) => void>(
    port,
    'addEventListener',
    (add) =>
      function (this: unknown, type: string, listener: unknown, ...rest: unknown[]) {
        if (!isMessageListener(type, listener)) return Reflect.apply(add, this, [type, listener, ...rest]);
        const options = rest[0];
        const wrapper = wrap(listener, isObject(options) && options.once === true);
        counter.added(wrapper, options);
        return Reflect.apply(add, this, [type, wrapper, ...rest]);
      },
  );
  patch<(type: string, listener: unknown, options?: unknown) => void>(
    port,
    'removeEventListener',
    (remove) =>
      function (this: unknown, type: string, listener: unknown, ...rest: unknown[]) {
        if (!isMessageListener(type, listener)) return Reflect.apply(remove, this, [type, listener, ...rest]);
        const wrapper = wrappers.get(listener) ?? listener;
        counter.removed(wrapper);
        return Reflect.apply(remove, this, [type, wrapper, ...rest]);
      },
  );
}

let receivePatched = false;

/**
 * `receiveMessageOnPort` takes the port as an argument, so it is counted where it lives: the builtin's
 * export is replaced once (also for ESM importers, via `syncBuiltinESMExports`) by a function that counts
 * for monitored ports and otherwise only forwards.
 */
function countReceiveMessageOnPort(): void {
  if (receivePatched) return;
  receivePatched = true;
  const workerThreads = createRequire(import.meta.url)('node:worker_threads') as {
    receiveMessageOnPort: (port: MessagePort) => { message: unknown } | undefined;
  };
  const receive = workerThreads.receiveMessageOnPort;
  workerThreads.receiveMessageOnPort = function receiveMessageOnPort(port) {
    const result = receive(port);
    if (result !== undefined) portStats.get(port)?.stats.onReceived();
    return result;
  };
  syncBuiltinESMExports();
}
