import { EventEmitter } from 'node:events';
import type { ChannelStats } from '../registry/channel-stats.js';
import { registerChannel } from '../registry/channels.js';
import type { ChannelAdapter } from './adapter.js';
import { patch } from './patch.js';

interface Emitter {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  on(event: string | symbol, listener: (...args: unknown[]) => void): unknown;
  listenerCount(event: string | symbol): number;
  getMaxListeners?(): number;
}

/**
 * Event names with a row of their own, per emitter. Programs that build names from data
 * (`emit(\`user:${id}\`)`) would otherwise add a row per name for as long as the emitter lives; the names
 * after these share one `(other events)` row, so memory stays bounded and totals stay exact.
 */
export const NAMED_EVENT_ROWS = 100;

/** An emitter delivers synchronously: nothing ever waits in it. */
const nothingQueued = { queued: () => 0, queuedBytes: () => null, full: () => false };

/**
 * One row per event name, opened at its first emit: `sent` counts emits, `received` the listener calls
 * they made (the listeners registered at the emit). Only `emit` is patched; no listener is added.
 */
export const eventEmitterAdapter: ChannelAdapter = {
  accepts: 'an EventEmitter',
  matches: (target) => {
    const emitter = target as Partial<Emitter>;
    return (
      typeof emitter.emit === 'function' &&
      typeof emitter.on === 'function' &&
      typeof emitter.listenerCount === 'function'
    );
  },
  monitor(target, options, callSite) {
    const rows = new Map<string | symbol, ChannelStats>();
    let others: ChannelStats | undefined;
    const open = (event: string | symbol): ChannelStats => {
      if (rows.size >= NAMED_EVENT_ROWS) {
        others ??= register('(other events)');
        return others;
      }
      const stats = register(typeof event === 'symbol' ? event.toString() : `'${event}'`, event);
      rows.set(event, stats);
      return stats;
    };
    // The probe must not keep the emitter alive: the registry ends its rows once it is collected.
    const emitterRef = new WeakRef(target as Emitter);
    const register = (variant: string, event?: string | symbol): ChannelStats => {
      const stats = registerChannel(
        {
          kind: 'event-emitter',
          type: 'unbounded',
          capacity: null,
          fifo: false,
        },
        options,
        callSite,
        target,
        variant,
      );
      stats.probe =
        event === undefined ? nothingQueued : { ...nothingQueued, listeners: () => listenersOf(event) };
      return stats;
    };
    // Programs mostly emit one event name many times in a row: skip the map lookup then.
    let lastEvent: string | symbol | undefined;
    let last: ChannelStats | undefined;
    // Node's own emitters keep one listener as a function and several as an array: read that directly.
    const countListeners =
      target instanceof EventEmitter
        ? (emitter: Emitter, event: string | symbol) => {
            const listeners = (emitter as unknown as { _events: Record<string | symbol, unknown> })._events[
              event
            ];
            return listeners === undefined
              ? 0
              : typeof listeners === 'function'
                ? 1
                : (listeners as unknown[]).length;
          }
        : (emitter: Emitter, event: string | symbol) => emitter.listenerCount(event);
    /** Read on the history tick only (the `emitter-leak` lint). */
    const listenersOf = (event: string | symbol) => {
      const emitter = emitterRef.deref();
      if (emitter === undefined) return null;
      const max = typeof emitter.getMaxListeners === 'function' ? emitter.getMaxListeners() : 0;
      return { count: countListeners(emitter, event), max };
    };
    patch<Emitter['emit']>(
      target,
      'emit',
      (emit) =>
        function (this: Emitter, event: string | symbol, value?: unknown) {
          let stats = last;
          // Stored only on a change of name: a store into the closure's context costs a write barrier.
          if (event !== lastEvent || stats === undefined) {
            stats = rows.get(event) ?? open(event);
            lastEvent = event;
            last = stats;
          }
          stats.onSent(value);
          for (let listeners = countListeners(this, event); listeners > 0; listeners--) stats.onReceived();
          // The common emit of one value as a plain call rather than a spread of `arguments`.
          // biome-ignore lint/complexity/noArguments: a rest parameter would allocate an array per emit
          if (arguments.length === 2) return emit.call(this, event, value);
          // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
          return emit.apply(this, arguments as never);
        },
    );
    return target;
  },
};
