/**
 * How global-hook tools track the same workloads, for comparison with hotpath's wrappers. Each tracker is
 * switched on only for its own run and off afterwards, so that it never taxes the variants measured
 * beside it in the same process.
 */
import { AsyncLocalStorage, createHook } from 'node:async_hooks';

interface Resource {
  type: string;
  trigger: number;
  startedNs: bigint;
  runs: number;
}

/**
 * Clinic.js-style: an `async_hooks` hook that records every async resource (type, parent, start, how
 * often its callbacks ran) and forgets it when it is destroyed.
 */
export function withAsyncHooks<A extends unknown[]>(
  workload: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    const resources = new Map<number, Resource>();
    const hook = createHook({
      init(asyncId, type, triggerAsyncId) {
        resources.set(asyncId, {
          type,
          trigger: triggerAsyncId,
          startedNs: process.hrtime.bigint(),
          runs: 0,
        });
      },
      before(asyncId) {
        const resource = resources.get(asyncId);
        if (resource !== undefined) resource.runs++;
      },
      destroy(asyncId) {
        resources.delete(asyncId);
      },
      promiseResolve(asyncId) {
        const resource = resources.get(asyncId);
        if (resource !== undefined) resource.runs++;
      },
    });
    hook.enable();
    try {
      await workload(...args);
    } finally {
      hook.disable();
    }
  };
}

/** APM-agent-style, for a stream: the consumer runs inside an `AsyncLocalStorage` context (its "span"). */
export function insideAsyncLocalStorage(
  workload: (ops: number) => Promise<void>,
): (ops: number) => Promise<void> {
  return async (ops) => {
    const storage = new AsyncLocalStorage<{ startedNs: bigint }>();
    try {
      await storage.run({ startedNs: process.hrtime.bigint() }, workload, ops);
    } finally {
      storage.disable();
    }
  };
}

/** APM-agent-style, for calls: every operation runs inside its own `AsyncLocalStorage` context (a "span"). */
export function perOperationAsyncLocalStorage(
  operation: (i: number) => Promise<void>,
): (ops: number) => Promise<void> {
  return async (ops) => {
    const storage = new AsyncLocalStorage<{ id: number; startedNs: bigint }>();
    try {
      for (let i = 0; i < ops; i++) {
        await storage.run({ id: i, startedNs: process.hrtime.bigint() }, operation, i);
      }
    } finally {
      // The last storage disabled takes Node's promise hook down with it.
      storage.disable();
    }
  };
}
