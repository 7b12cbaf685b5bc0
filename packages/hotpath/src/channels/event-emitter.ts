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

/** The methods through which listeners come and go on Node's emitters (`once` wraps and removes itself). */
const LISTENER_METHODS = [
  'on',
  'addListener',
  'prependListener',
  'once',
  'prependOnceListener',
  'removeListener',
  'off',
  'removeAllListeners',
] as const;

/**
 * One event name's row. `eager` rows count each delivery at the emit (logging wants an entry per
 * delivery; the shared `(other events)` row mixes names). The others count only emits: deliveries are
 * emits times the listeners registered at each, and listeners only change through a method, so the
 * product is taken when they change and when the row is read.
 */
class EventRow {
  /** Listeners since `sentAt`, and the deliveries counted up to it. */
  listeners = 0;
  sentAt = 0;
  receivedAt = 0;

  constructor(
    readonly stats: ChannelStats,
    readonly eager: boolean,
  ) {}

  /** Brings `received` up to now, with the listener count that held since the last change. */
  settle(): void {
    this.stats.received = this.receivedAt + (this.stats.sent - this.sentAt) * this.listeners;
  }

  /** The listeners changed (or may have): what was emitted so far keeps the count it had. */
  recount(listeners: number): void {
    this.settle();
    this.sentAt = this.stats.sent;
    this.receivedAt = this.stats.received;
    this.listeners = listeners;
  }
}

/**
 * One row per event name, opened at its first emit: `sent` counts emits, `received` the listener calls
 * they made (the listeners registered at the emit). Only methods are patched; no listener is added.
 * A Node emitter pays one counter update per emit; its deliveries are derived (see `EventRow`).
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
    const emitter = target as Emitter;
    const logging = options?.log !== undefined && options.log !== false;
    // Node's own emitters change listeners only through the methods patched below; others are counted
    // at every emit, as their `once` may bypass their own methods.
    const derived = !logging && target instanceof EventEmitter;
    const rows = new Map<string | symbol, EventRow>();
    let others: EventRow | undefined;
    // The probe must not keep the emitter alive: the registry ends its rows once it is collected.
    const emitterRef = new WeakRef(emitter);
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
    const countListeners = listenerCounter(target);
    /** Read on the history tick only (the `emitter-leak` lint). */
    const listenersOf = (event: string | symbol) => {
      const live = emitterRef.deref();
      if (live === undefined) return null;
      const max = typeof live.getMaxListeners === 'function' ? live.getMaxListeners() : 0;
      return { count: countListeners(live, event), max };
    };
    const open = (event: string | symbol): EventRow => {
      if (rows.size >= NAMED_EVENT_ROWS) {
        others ??= new EventRow(register('(other events)'), true);
        return others;
      }
      const row = new EventRow(
        register(typeof event === 'symbol' ? event.toString() : `'${event}'`, event),
        !derived,
      );
      if (!row.eager) {
        row.listeners = countListeners(emitter, event);
        // Recounted when read too: a listener added behind the methods' back is counted from then on.
        // Held weakly, as the registry holds the row: once collected, nothing changes its listeners.
        row.stats.derive = () => {
          const live = emitterRef.deref();
          if (live === undefined) row.settle();
          else row.recount(countListeners(live, event));
        };
      }
      rows.set(event, row);
      return row;
    };
    const rowFor = (event: string | symbol) => rows.get(event) ?? open(event);
    patch<Emitter['emit']>(target, 'emit', (emit) =>
      derived ? derivedEmit(emit, rowFor, countListeners) : eagerEmit(emit, rowFor, countListeners),
    );
    if (derived) watchListenerChanges(emitter, rows, countListeners);
    return target;
  },
};

/**
 * The emit of an emitter whose rows count emits only. A function of its own, apart from `eagerEmit`: the
 * two share no type feedback, so that a logging emitter elsewhere in the program (whose rows count every
 * delivery) cannot slow this one's emits down (measured: +10 ns an emit when they shared one).
 */
function derivedEmit(
  emit: Emitter['emit'],
  rowFor: (event: string | symbol) => EventRow,
  countListeners: ListenerCounter,
): Emitter['emit'] {
  // Programs mostly emit one event name many times in a row: skip the map lookup then.
  let lastEvent: string | symbol | undefined;
  let last: EventRow | undefined;
  return function (this: Emitter, event: string | symbol, value?: unknown) {
    let row = last;
    // Stored only on a change of name: a store into the closure's context costs a write barrier.
    if (event !== lastEvent || row === undefined) {
      row = rowFor(event);
      lastEvent = event;
      last = row;
    }
    // Only the shared `(other events)` row counts deliveries as they happen.
    if (row.eager) countDeliveries(row.stats, countListeners(this, event), value);
    else row.stats.sent++;
    // The common emit of one value as a plain call rather than a spread of `arguments`.
    // biome-ignore lint/complexity/noArguments: a rest parameter would allocate an array per emit
    if (arguments.length === 2) return emit.call(this, event, value);
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    return emit.apply(this, arguments as never);
  };
}

/** The emit of an emitter whose rows count each delivery at the emit (logging, or not Node's own). */
function eagerEmit(
  emit: Emitter['emit'],
  rowFor: (event: string | symbol) => EventRow,
  countListeners: ListenerCounter,
): Emitter['emit'] {
  let lastEvent: string | symbol | undefined;
  let last: EventRow | undefined;
  return function (this: Emitter, event: string | symbol, value?: unknown) {
    let row = last;
    if (event !== lastEvent || row === undefined) {
      row = rowFor(event);
      lastEvent = event;
      last = row;
    }
    countDeliveries(row.stats, countListeners(this, event), value);
    // biome-ignore lint/complexity/noArguments: a rest parameter would allocate an array per emit
    if (arguments.length === 2) return emit.call(this, event, value);
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    return emit.apply(this, arguments as never);
  };
}

function countDeliveries(stats: ChannelStats, listeners: number, value: unknown): void {
  stats.onSent(value);
  for (let i = listeners; i > 0; i--) stats.onReceived();
}

type ListenerCounter = (emitter: Emitter, event: string | symbol) => number;

/** Node's own emitters keep one listener as a function and several as an array: read that directly. */
function listenerCounter(target: object): ListenerCounter {
  if (!(target instanceof EventEmitter)) return (emitter, event) => emitter.listenerCount(event);
  return (emitter, event) => {
    const listeners = (emitter as unknown as { _events: Record<string | symbol, unknown> })._events[event];
    return listeners === undefined
      ? 0
      : typeof listeners === 'function'
        ? 1
        : (listeners as unknown[]).length;
  };
}

/**
 * Every method that adds or removes listeners settles the rows it may touch after it ran: emits made
 * until then keep the count they had (a `once` listener removes itself inside the emit it answers, after
 * that emit was counted; a listener added during an emit is not called by it).
 */
function watchListenerChanges(
  emitter: Emitter,
  rows: Map<string | symbol, EventRow>,
  countListeners: ListenerCounter,
): void {
  const target = emitter as unknown as Record<string, unknown>;
  for (const name of LISTENER_METHODS) {
    if (typeof target[name] !== 'function') continue;
    patch<(...args: unknown[]) => unknown>(
      target,
      name,
      (method) =>
        function (this: unknown, event: unknown) {
          try {
            // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
            return method.apply(this, arguments as never);
          } finally {
            if (this === emitter) {
              // `removeAllListeners()` with no name touches every event.
              // biome-ignore lint/complexity/noArguments: whether a name was passed at all
              if (arguments.length === 0 || event === undefined) {
                for (const [name, row] of rows) if (!row.eager) row.recount(countListeners(emitter, name));
              } else {
                const row = rows.get(event as string | symbol);
                if (row !== undefined && !row.eager) row.recount(countListeners(emitter, event as string));
              }
            }
          }
        },
    );
  }
}
