/** Bad arguments to future() and futureFn(), through the public API; prints what each call did. */
import { future, futureFn } from '../../src/index.ts';

const attempts: [string, () => unknown][] = [
  ['future(42)', () => future(42 as never)],
  ['future({})', () => future({} as never)],
  ['futureFn(42)', () => futureFn(42 as never)],
  ['futureFn(null)', () => futureFn(null as never)],
  ['future(p, { nope: 1 })', () => future(Promise.resolve(1), { nope: 1 } as never)],
  // A bare `@futureFn`, as each decorator dialect would call it.
  ['bare standard', () => futureFn((async () => {}) as never, { kind: 'method', name: 'm' } as never)],
  ['bare legacy', () => (futureFn as any)({}, 'm', { value: async () => {} })],
];
for (const [name, attempt] of attempts) {
  try {
    const result = attempt();
    process.stdout.write(`${name} returned ${typeof result}\n`);
  } catch (error) {
    process.stdout.write(`${name} threw ${(error as Error).name}: ${(error as Error).message}\n`);
  }
}
