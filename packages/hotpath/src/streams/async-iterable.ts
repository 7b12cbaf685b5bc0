import { recordFault } from '../registry/faults.js';
import type { StreamStats } from '../registry/stream-stats.js';
import { registerStream } from '../registry/streams.js';
import type { StreamAdapter } from './adapter.js';
import { defineHidden } from './patch.js';
import type { ReadCounter } from './read-counter.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Iterators already counting, so that an iterable handing out one shared iterator is counted once. */
const instrumented = new WeakSet<object>();

/**
 * Async iterators (async generators included) and async iterables. The object itself is handed back:
 * an iterator gets counting `next` / `return` / `throw` methods on the instance; an iterable gets a
 * counting `[Symbol.asyncIterator]`, and each iterator it hands out is its own instance (its own row).
 */
export const asyncIterableAdapter: StreamAdapter = {
  accepts: 'an async iterable, async iterator or async generator',
  matches: (source) => isAsyncIterator(source) || isAsyncIterable(source),
  monitor(source, options, callSite) {
    const register = (target: object) =>
      registerStream({ kind: 'async-iterator', timesConsumer: true }, options, callSite, target);
    if (isAsyncIterator(source)) {
      instrumentIterator(source, register(source));
      return source;
    }
    instrumentIterable(source, register);
    return source;
  },
};

function isAsyncIterator(source: object): boolean {
  const value = source as { next?: unknown; [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
  // A sync iterator also has `next`; it is one only when nothing says it is synchronous.
  return (
    typeof value.next === 'function' &&
    (typeof value[Symbol.asyncIterator] === 'function' || typeof value[Symbol.iterator] !== 'function')
  );
}

function isAsyncIterable(source: object): boolean {
  return typeof (source as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function instrumentIterable(source: object, register: (target: object) => StreamStats): void {
  const original = (source as { [Symbol.asyncIterator]: Method })[Symbol.asyncIterator];
  // The first iteration's row exists from the start, so that an iterable not yet iterated is visible.
  let first: StreamStats | null = register(source);
  defineHidden(source, Symbol.asyncIterator, function asyncIterator(this: unknown) {
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed, without a copy
    const iterator = Reflect.apply(original, this, arguments);
    try {
      if (typeof iterator === 'object' && iterator !== null && !instrumented.has(iterator)) {
        const stats = first ?? register(iterator);
        first = null;
        instrumentIterator(iterator, stats);
      }
    } catch (error) {
      recordFault(error);
    }
    return iterator;
  });
}

/**
 * Counts every `{ done: false }` result; `done` closes, a rejection errors, `return()` cancels (unless
 * `returnCancels` is false: a `ReadableStream` iterated with `preventCancel` stays readable).
 */
export function instrumentIterator(iterator: object, stats: ReadCounter, returnCancels = true): void {
  instrumented.add(iterator);
  const target = iterator as { next: Method; return?: Method; throw?: Method };
  // Logging iterators count through functions of their own (see `countedNext`).
  const logging = stats.logsItems === true;
  const { settle, fail } = logging ? observeLogged(stats) : observe(stats);
  const forward = (result: unknown) => {
    // Another thenable: its `then` is called once, in a later job, exactly as `await` would call it.
    if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
      return Promise.resolve(result).then(settle, fail);
    }
    return settle(result);
  };
  const counted = logging ? countedNextLogged : countedNext;
  defineHidden(iterator, 'next', counted(target.next, stats, settle, fail, forward));
  const ret = target.return;
  // Only a method the source has: adding one would change what `break` does.
  if (typeof ret === 'function') {
    defineHidden(iterator, 'return', function (this: unknown) {
      // Marked first: the source's `finally` may run (and end the process) before `return` settles.
      if (returnCancels && !stats.finished) stats.onCancelled();
      // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
      return Reflect.apply(ret, this, arguments);
    });
  }
  const thrown = target.throw;
  if (typeof thrown === 'function') {
    defineHidden(iterator, 'throw', function (this: unknown) {
      let result: unknown;
      try {
        // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed
        result = Reflect.apply(thrown, this, arguments);
      } catch (error) {
        errored(stats);
        throw error;
      }
      if (result instanceof Promise) return result.then(settle, fail);
      return forward(result);
    });
  }
}

type Settle = (result: unknown) => unknown;
type Fail = (error: unknown) => never;
type Forward = (result: unknown) => unknown;

function errored(stats: ReadCounter): void {
  try {
    stats.onAnswer();
    stats.onErrored();
  } catch (fault) {
    recordFault(fault);
  }
}

/** What each answer of `next` / `throw` is met with: the result counted, or the rejection. */
function observe(stats: ReadCounter): { settle: Settle; fail: Fail } {
  return {
    settle: (result) => {
      try {
        if (typeof result === 'object' && result !== null) {
          stats.onAnswer();
          if ((result as IteratorResult<unknown>).done) stats.onClosed();
          else stats.onItem((result as IteratorResult<unknown>).value);
        }
      } catch (error) {
        recordFault(error);
      }
      return result;
    },
    fail: (error) => {
      errored(stats);
      throw error;
    },
  };
}

/** `observe` again, for logging iterators (see `countedNext`). */
function observeLogged(stats: ReadCounter): { settle: Settle; fail: Fail } {
  return {
    settle: (result) => {
      try {
        if (typeof result === 'object' && result !== null) {
          stats.onAnswer();
          if ((result as IteratorResult<unknown>).done) stats.onClosed();
          else stats.onItem((result as IteratorResult<unknown>).value);
        }
      } catch (error) {
        recordFault(error);
      }
      return result;
    },
    fail: (error) => {
      errored(stats);
      throw error;
    },
  };
}

/**
 * The counting `next`: the source's own, its answer met with one `then`. Written twice with the same
 * body (`countedNextLogged`, `observeLogged`): V8 keeps type feedback per function in the source, so
 * one shared by logging and plain iterators carries the logging path into every plain item (measured:
 * ~+10 ns an item on an async generator, when both were in one program).
 */
function countedNext(next: Method, stats: ReadCounter, settle: Settle, fail: Fail, forward: Forward): Method {
  return function countedNext(this: unknown) {
    stats.onPull();
    let result: unknown;
    try {
      // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed, without a copy
      result = arguments.length === 0 ? next.call(this) : Reflect.apply(next, this, arguments);
    } catch (error) {
      errored(stats);
      throw error;
    }
    if (result instanceof Promise) return result.then(settle, fail);
    return forward(result);
  };
}

/** `countedNext` again, for logging iterators. */
function countedNextLogged(
  next: Method,
  stats: ReadCounter,
  settle: Settle,
  fail: Fail,
  forward: Forward,
): Method {
  return function countedNext(this: unknown) {
    stats.onPull();
    let result: unknown;
    try {
      // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed, without a copy
      result = arguments.length === 0 ? next.call(this) : Reflect.apply(next, this, arguments);
    } catch (error) {
      errored(stats);
      throw error;
    }
    if (result instanceof Promise) return result.then(settle, fail);
    return forward(result);
  };
}
