import { AsyncLocalStorage } from 'node:async_hooks';
import { promiseHooks } from 'node:v8';
import { recordFault } from '../registry/faults.js';
import type { TrackedCall } from '../registry/future-call.js';

/**
 * The analogue of a Rust poll count: 1 for the first synchronous run, plus one for every time a
 * continuation (an `await` resuming, a `then` callback) runs in the call's async context. The context is
 * an AsyncLocalStorage store; V8's `init` promise hook notes which call each new promise belongs to (the
 * store is not yet switched when `before` runs, so it cannot be asked there), and its `before` hook
 * counts a resumption of the call that owns the promise.
 *
 * On Node 20 both cost the whole process, not just the tracked calls (AsyncLocalStorage switches on
 * async_hooks' promise hooks), so they are installed when the first poll-tracked call starts and removed
 * as soon as none is pending.
 */
const context = new AsyncLocalStorage<TrackedCall>();
let owners = new WeakMap<object, TrackedCall>();
let stopHooks: (() => void)[] = [];
let tracked = 0;

function noteOwner(promise: Promise<unknown>): void {
  const call = context.getStore();
  if (call !== undefined) owners.set(promise, call);
}

function countResumption(promise: Promise<unknown>): void {
  const call = owners.get(promise);
  if (call !== undefined && call.state === 'pending') call.polls!++;
}

/** Runs `fn` as a poll-tracked call; the hooks go once no such call is pending. */
export function runCountingPolls<R>(
  call: TrackedCall,
  fn: (...args: unknown[]) => R,
  self: unknown,
  args: ArrayLike<unknown>,
): R {
  if (tracked++ === 0) {
    try {
      stopHooks = [
        promiseHooks.onInit(noteOwner) as () => void,
        promiseHooks.onBefore(countResumption) as () => void,
      ];
    } catch (error) {
      recordFault(error);
    }
  }
  call.polls = 1;
  call.release = released;
  return context.run(call, () => fn.apply(self, args as unknown[]));
}

function released(): void {
  if (--tracked > 0) return;
  try {
    for (const stop of stopHooks) stop();
    stopHooks = [];
    owners = new WeakMap();
    // Leaves async_hooks' promise hooks on otherwise, and with them most of the cost.
    context.disable();
  } catch (error) {
    recordFault(error);
  }
}

/** Whether the promise hooks are in place (for tests: they must be gone once nothing tracked is pending). */
export function pollHooksInstalled(): boolean {
  return stopHooks.length > 0;
}
