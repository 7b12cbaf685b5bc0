/** `dropped` is a promise nobody can settle, let go; `held` is pending but kept; `settled` resolved, then let go. */
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { future } from '../../../src/index.ts';
import { observe, raised } from './observe.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const keep: unknown[] = [];
function start() {
  future(new Promise(() => {}), { label: 'dropped' }).catch(() => {});
  const held = new Promise(() => {});
  keep.push(held, future(held, { label: 'held' }));
  void future(Promise.resolve(1), { label: 'settled' });
}
start();

await observe({
  until: (lints) => {
    gc();
    return raised(lints, 'future-lost', 'dropped');
  },
  clock: (snap) => snap.futures.find((row) => row.label === 'held'),
  samples: 20,
  after: async () => {
    gc();
    await sleep(100);
  },
});
