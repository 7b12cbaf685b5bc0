/**
 * One program, run with monitoring off and on: everything it prints must be the same. Measured
 * functions (plain, arrow, method through `this`, variadic, async, throwing, rejecting), blocks, gauges
 * and vals, and properties read through the wrapper. `unhandled` as an argument ends with a rejection of
 * a measured async function that nobody handles.
 */
import { gauge, measure, measureBlock, val } from '../../src/index.ts';

const out: unknown[] = [];
const say = (...items: unknown[]) => out.push(items);

function variadic(this: unknown, ...args: unknown[]) {
  // biome-ignore lint/complexity/noArguments: the wrapper must pass the arguments object exactly as given
  return { self: this === undefined ? 'undefined' : typeof this, args, count: arguments.length };
}
(variadic as any).tag = 'tagged';
const mVariadic = measure(variadic);
say('length', mVariadic.length, 'name', mVariadic.name, 'tag', (mVariadic as any).tag);
say('call', mVariadic(1, 'two', [3]));
say('apply', mVariadic.apply({ x: 1 }, [undefined, null]));
say('call-this', mVariadic.call('str'));

const counter = {
  n: 0,
  bump: measure(function (this: { n: number }, by: number) {
    this.n += by;
    return this;
  }),
};
say('method returns this', counter.bump(2) === counter, counter.bump(3).n);

const identity = { same: true };
say('same object back', measure(() => identity)() === identity);

const failure = new TypeError('thrown as is');
const thrower = measure((n: number) => {
  if (n > 1) throw failure;
  return n;
});
for (let n = 0; n < 4; n++) {
  try {
    say('thrower', thrower(n));
  } catch (error) {
    say('thrower threw', error === failure, String(error));
  }
}

const asyncFn = measure(async (x: number) => {
  await null;
  if (x < 0) throw new RangeError(`negative ${x}`);
  return x * 2;
});
const order: string[] = [];
const pending = [asyncFn(1).then((v) => order.push(`a${v}`)), asyncFn(2).then((v) => order.push(`b${v}`))];
order.push('sync after calls');
await Promise.all(pending);
say('async order', order);
await asyncFn(-1).catch((error) => say('rejected', error instanceof RangeError, error.message));

say(
  'block value',
  measureBlock('block', () => 40 + 2),
);
say('block promise', await measureBlock('async block', async () => 'later'));
try {
  measureBlock('throwing block', () => {
    throw failure;
  });
} catch (error) {
  say('block threw', error === failure);
}

const g = gauge('depth');
say('gauge chain', g.set(3).inc().dec(2) === g, gauge('depth') === g);
gauge('depth', 10);
val('user', { id: 7 });

if (process.argv[2] === 'unhandled') {
  await asyncFn(-5);
}
console.log(JSON.stringify(out));
