/** The loop is blocked twice: once with nothing in flight (quiet), once with an item queued (raised). */
import { setTimeout as sleep } from 'node:timers/promises';
import { channel, snapshot } from '../../../src/index.ts';
import { unbounded } from '../../../src/primitives/index.ts';
import { observe, raised } from './observe.ts';

function block(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // blocked
  }
}
const [tx, rx] = channel(unbounded<number>(), { label: 'inbox' });
const ticks = () => snapshot().channels.find((row) => row.label === 'inbox')?.history?.queued?.length ?? 0;
// Past the warm-up (2 s of ticks at 50 ms), with nothing in flight.
while (ticks() < 50) await sleep(25);
block(400);
const quietFrom = ticks();
while (ticks() < quietFrom + 10) await sleep(25);
const quiet = (snapshot().lints ?? []).filter((lint) => lint.lint === 'loop-blocked').length;
tx.send(1);
await sleep(100);
block(400);

await observe({
  until: (lints) => raised(lints, 'loop-blocked', 'event loop'),
  clock: (snap) => snap.channels.find((row) => row.label === 'inbox'),
  samples: 2,
  after: () => {
    process.stdout.write(`${JSON.stringify({ quiet })}\n`);
    void rx;
  },
});
