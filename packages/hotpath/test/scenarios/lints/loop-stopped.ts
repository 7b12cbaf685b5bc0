/**
 * An item in flight, then the process is stopped from outside (the test sends SIGSTOP, then SIGCONT: the
 * OS not running it, as on a busy machine): a long stall with no CPU behind it, which must raise nothing.
 * Then the program blocks its own loop, which must raise `loop-blocked`.
 */
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
tx.send(1);
const ticks = () => snapshot().channels.find((row) => row.label === 'inbox')?.history?.queued?.length ?? 0;
// Past the warm-up (2 s of ticks at 50 ms).
while (ticks() < 50) await sleep(25);
const stallsBefore = snapshot().runtime?.stallCount ?? 0;
// A fresh row to count the ticks from here on: its history has room for 120 of them, however long the
// test takes to stop this process.
const [, clockRx] = channel(unbounded<number>(), { label: 'clock' });
const clockTicks = () =>
  snapshot().channels.find((row) => row.label === 'clock')?.history?.queued?.length ?? 0;
process.stdout.write('ready\n');
// The test stops this process now; wait until the stall it made is listed.
let stopped: { durationMs: number; cpuMs?: number } | undefined;
let quiet = 0;
while (stopped === undefined) {
  await sleep(25);
  const snap = snapshot();
  quiet += (snap.lints ?? []).filter((lint) => lint.lint === 'loop-blocked').length;
  if ((snap.runtime?.stallCount ?? 0) > stallsBefore)
    stopped = snap.runtime!.stalls.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
}
// Judged over ten more ticks (fewer only if the history filled while the test was slow to stop us).
const from = clockTicks();
while (clockTicks() < Math.min(120, from + 10)) {
  await sleep(25);
  quiet += (snapshot().lints ?? []).filter((lint) => lint.lint === 'loop-blocked').length;
}
block(400);

await observe({
  until: (lints) => raised(lints, 'loop-blocked', 'event loop'),
  clock: (snap) => snap.channels.find((row) => row.label === 'inbox'),
  samples: 2,
  after: () => {
    process.stdout.write(`${JSON.stringify({ quiet, stopped })}\n`);
    void rx;
    void clockRx;
  },
});
