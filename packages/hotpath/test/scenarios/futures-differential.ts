/**
 * A trace of values, errors and the order of side effects through wrapped futures, printed line by line,
 * for the off-vs-on comparison. Every promise the ordering depends on is wrapped (an unwrapped one racing
 * a wrapped one sees the one extra microtask hop the README's Accuracy part describes).
 */
import { future, futureFn } from '../../src/index.ts';

const trace: string[] = [];
const note = (line: string) => trace.push(line);
const sleep = (ms: number, value: string) =>
  new Promise<string>((resolve) => setTimeout(() => resolve(value), ms));

const step = futureFn(async function step(this: unknown, n: number, ms: number) {
  note(`step ${n} start (this=${(this as { name?: string } | undefined)?.name ?? 'none'})`);
  const value = await sleep(ms, `slept ${ms}`);
  note(`step ${n} after sleep`);
  await null;
  note(`step ${n} end`);
  return `${value} for ${n}`;
});
const fails = futureFn(async (why: string) => {
  note(`fails ${why} start`);
  await null;
  throw new RangeError(why);
});
const throwsAtOnce = futureFn((why: string): Promise<never> => {
  throw new SyntaxError(why);
});

note(`length ${step.length} name ${step.name}`);
note(String(await step.call({ name: 'receiver' }, 1, 2)));
note(JSON.stringify(await Promise.all([step(2, 6), step(3, 1), future(() => sleep(3, 'thunk'))])));
const slow = step(4, 8);
note(String(await Promise.race([slow, future(sleep(2, 'raced promise'))])));
note(String(await slow)); // the loser's timer must not race the steps below
const settled = await Promise.allSettled([fails('first'), step(5, 1), fails('second')]);
note(
  JSON.stringify(
    settled.map((s) => (s.status === 'fulfilled' ? s.value : `${s.reason.name}: ${s.reason.message}`)),
  ),
);
try {
  throwsAtOnce('sync');
  note('no throw');
} catch (error) {
  note(`sync ${(error as Error).name}: ${(error as Error).message}`);
}
const a = step(6, 0);
const b = step(7, 0);
a.then(() => note('then a'));
b.then(() => note('then b'));
await Promise.all([a, b]);
note(`thunk value ${await future(() => Promise.resolve(42))}`);
note(`non-promise from a thunk ${String(future((() => 7) as never))}`);
await sleep(10, '');
process.stdout.write(`${trace.join('\n')}\n`);
