import { config } from '../config.js';
import { recordFault } from '../registry/faults.js';
import type { TrackedCall } from '../registry/future-call.js';
import type { FutureSite } from '../registry/future-site.js';
import { futureRegistry, watchCollection } from '../registry/futures.js';
import type { FutureOptions, LogOption } from '../types.js';
import { runCountingPolls } from './polls.js';

/** What every call at one site shares: where it counts, and the options it was wrapped with. */
export interface CallPlan {
  stats: FutureSite;
  log: LogOption | undefined;
  signal: AbortSignal | undefined;
  /** Every call is sampled and listed: with `log`, whose cost dwarfs a clock read, and with polls. */
  everyCall: boolean;
}

export function planFor(stats: FutureSite, options: FutureOptions | undefined): CallPlan {
  const log = options?.log || undefined;
  return { stats, log, signal: options?.signal, everyCall: log !== undefined };
}

/**
 * Calls `fn` as one tracked call and returns what it returns, with one difference for a thenable: the
 * promise returned is `result.then(…)`, which settles the same way one microtask later. That derived
 * promise is the only one the program sees, so if nobody handles a rejection it is the one Node reports,
 * with the same reason — the original is handled by us and never reported. A synchronous throw is
 * rethrown as it is.
 */
export function callTracked(plan: CallPlan, fn: Function, self: unknown, args: ArrayLike<unknown>): unknown {
  const call = futureRegistry.begin(plan.stats, plan.everyCall || config.futurePolls);
  let result: unknown;
  try {
    result = config.futurePolls ? runCountingPolls(call, fn as never, self, args) : fn.apply(self, args);
  } catch (error) {
    failed(call, plan, error);
    throw error;
  }
  return observe(call, plan, result);
}

/** The call threw instead of returning: it counts as rejected with that error. */
export function failed(call: TrackedCall, plan: CallPlan, error: unknown): void {
  end(call, 'rejected', error, plan.log);
}

/** Tracks a promise the program already made; it ran before we saw it, so it has no poll count. */
export function promiseTracked(plan: CallPlan, promise: PromiseLike<unknown>): unknown {
  return observe(futureRegistry.begin(plan.stats, plan.everyCall), plan, promise);
}

/** Follows what a call returned; see `callTracked`. */
export function observe(call: TrackedCall, plan: CallPlan, result: unknown): unknown {
  if (result instanceof Promise) {
    watch(call, plan, result);
    return follow(call, plan.log, result);
  }
  if (!isThenable(result)) {
    end(call, 'resolved', result, plan.log);
    return result;
  }
  watch(call, plan, result);
  return follow(call, plan.log, adopt(result));
}

/** Kept apart from `observe`, so that its closures capture only what they use and it inlines. */
function follow(call: TrackedCall, log: LogOption | undefined, result: Promise<unknown>): Promise<unknown> {
  return result.then(
    (value) => {
      end(call, 'resolved', value, log);
      return value;
    },
    (reason) => {
      end(call, 'rejected', reason, log);
      throw reason;
    },
  );
}

/** What can end a pending call other than settling: its signal, or the collector taking its promise. */
function watch(call: TrackedCall, plan: CallPlan, promise: object): void {
  if (plan.signal !== undefined) watchSignal(call, plan.signal);
  watchCollection(call, promise);
}

/**
 * Another thenable's `then` may return anything (often nothing): it is adopted into a native promise, as
 * `await` would, calling its `then` once, now.
 */
function adopt(thenable: PromiseLike<unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    thenable.then(resolve, reject);
  });
}

/** `value` is formatted only where `log` asks for it. */
function end(
  call: TrackedCall,
  state: 'resolved' | 'rejected' | 'cancelled',
  value: unknown,
  log: LogOption | undefined,
): void {
  try {
    futureRegistry.end(call, state, value, log);
  } catch (error) {
    recordFault(error);
  }
}

function watchSignal(call: TrackedCall, signal: AbortSignal): void {
  if (signal.aborted) {
    end(call, 'cancelled', undefined, undefined);
    return;
  }
  const cancel = () => end(call, 'cancelled', undefined, undefined);
  signal.addEventListener('abort', cancel, { once: true });
  // A long-lived signal must not collect one listener per call it outlives.
  const before = call.release;
  call.release = () => {
    signal.removeEventListener('abort', cancel);
    before?.();
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
