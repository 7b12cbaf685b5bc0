// hotpath-rs's `closed` scenario: after the receivers close, the next send fails at once.
import { channel } from '../../src/index.ts';
import { bounded, ChannelClosedError, oneshot, unbounded } from '../../src/primitives/index.ts';

const [utx, urx] = channel(unbounded<number>(), { label: 'unbounded-closed' });
const [btx, brx] = channel(bounded<number>(10), { label: 'bounded-closed' });
const [otx, orx] = channel(oneshot<string>(), { label: 'oneshot-done' });

for (let i = 0; i < 3; i++) {
  await utx.send(i);
  await btx.send(i);
}
for (let i = 0; i < 3; i++) console.log('got', await urx.recv(), await brx.recv());
otx.send('done');
console.log('oneshot', await orx);

urx.close();
brx.close();
for (const [name, tx] of [
  ['unbounded', utx],
  ['bounded', btx],
] as const) {
  try {
    await tx.send(99);
    console.log(`${name}: send unexpectedly succeeded`);
    process.exitCode = 1;
  } catch (error) {
    console.log(`${name}: send failed with ${(error as Error).name}`, error instanceof ChannelClosedError);
  }
}
