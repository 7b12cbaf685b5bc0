import { createRequire, syncBuiltinESMExports } from 'node:module';
import { BroadcastChannel, MessageChannel, MessagePort } from 'node:worker_threads';
import { config } from '../config.js';
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
        log: options?.log,
        logsLimit: config.logsLimit,
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

/** Counts one receive per message however many listeners it reaches: they all run before the next one. */
class PortCounter {
  private delivering = false;
  private readonly settle = () => {
    this.delivering = false;
  };

  constructor(readonly stats: ChannelStats) {}

  delivered(): void {
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
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        const result = Reflect.apply(post, this, arguments);
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
        return Reflect.apply(close, this, arguments);
      },
  );
  const wrappers = new WeakMap<object, Listener>();
  const wrap = (listener: Listener): Listener => {
    let wrapper = wrappers.get(listener);
    if (wrapper === undefined) {
      wrapper =
        typeof listener === 'function'
          ? function (this: unknown) {
              counter.delivered();
              // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
              return Reflect.apply(listener, this, arguments);
            }
          : {
              handleEvent(event: unknown) {
                counter.delivered();
                return listener.handleEvent(event);
              },
            };
      wrappers.set(listener, wrapper);
    }
    return wrapper;
  };
  const translated = (type: unknown, listener: unknown) =>
    type === 'message' && (typeof listener === 'function' || isObject(listener))
      ? wrap(listener as Listener)
      : listener;
  for (const name of ['addEventListener', 'removeEventListener'] as const) {
    patch<(type: string, listener: unknown, options?: unknown) => void>(
      port,
      name,
      (original) =>
        function (this: unknown, type: string, listener: unknown, ...rest: unknown[]) {
          return Reflect.apply(original, this, [type, translated(type, listener), ...rest]);
        },
    );
  }
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
