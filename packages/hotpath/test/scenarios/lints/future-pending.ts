/** `waitForever` never settles; `quick` calls take 100 ms; `slowOnce` takes longer than the threshold, then settles. */
import { setTimeout as sleep } from 'node:timers/promises';
import { future, futureFn } from '../../../src/index.ts';
import { observe, raised } from './observe.ts';

const never = new Promise<never>(() => {});
const held = [never, future(never, { label: 'waitForever' })];
const quick = futureFn(() => sleep(100), { label: 'quick' });
void (async () => {
  for (;;) await quick();
})();
let release = () => {};
const slow = future(
  new Promise<void>((resolve) => {
    release = resolve;
  }),
  { label: 'slowOnce' },
);

await observe({
  until: (lints) =>
    raised(lints, 'future-pending', 'waitForever') && raised(lints, 'future-pending', 'slowOnce'),
  clock: (snap) => snap.futures.find((row) => row.label === 'quick'),
  samples: 40,
  after: async () => {
    release();
    await slow;
    // The next tick judges again.
    await sleep(200);
  },
});
void held;
