import { stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
async function consume(label: string, it: AsyncIterable<unknown>) {
  try {
    for await (const v of it) {
      log(label, 'v', v);
      if (v === 3) break;
    }
    log(label, 'end');
  } catch (e) {
    log(label, 'caught', e instanceof Error ? `${e.constructor.name}: ${e.message}` : e);
  }
}
const mk = (next: () => any, extra: object = {}) => ({
  [Symbol.asyncIterator]() {
    return { next, ...extra };
  },
});
let i = 0;
await consume(
  'non-object',
  stream(mk(() => (i++ < 1 ? Promise.resolve(5) : Promise.resolve({ done: true })))),
);
await consume(
  'sync throw',
  stream(
    mk(() => {
      throw new Error('sync next');
    }),
  ),
);
await consume('null result', stream(mk(() => Promise.resolve(null))));
await consume('plain object result', stream(mk(() => ({ done: true }))));
let j = 0;
await consume(
  'return non-object',
  stream(mk(() => Promise.resolve({ done: false, value: j++ }), { return: () => 7 })),
);
let k = 0;
const it = {
  next: () => Promise.resolve(k++ < 2 ? { value: k, done: false } : { value: undefined, done: true }),
  [Symbol.asyncIterator]() {
    return this;
  },
};
const w = stream(it);
log('same', w === it);
await consume('self-iter', w);
async function* g() {
  try {
    yield 1;
    yield 2;
  } finally {
    // biome-ignore lint/correctness/noUnsafeFinally: a generator failing in finally is the case under test
    throw new Error('finally');
  }
}
const gen = stream(g());
try {
  for await (const v of gen) {
    log('gen', v);
    break;
  }
} catch (e) {
  log('gen caught', (e as Error).message);
}
const gen2 = stream(g());
log('gen2 next', await gen2.next());
try {
  log(await gen2.throw(new Error('injected')));
} catch (e) {
  log('gen2 throw', (e as Error).message);
}
log('gen2 after', await gen2.next());
log('done');
