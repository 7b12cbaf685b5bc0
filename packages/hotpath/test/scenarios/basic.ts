// hotpath-rs's `basic` scenario: a labelled unbounded channel with log, a bounded(10), a oneshot.
import { channel } from '../../src/index.ts';
import { bounded, oneshot, unbounded } from '../../src/primitives/index.ts';

const actor = { name: 'Actor 1' };
const [tx, rx] = channel(unbounded<string>(), { label: actor.name, log: true });
const [btx, brx] = channel(bounded<number>(10), { label: 'bounded-channel' });
const [otx, orx] = channel(oneshot<string>(), { label: 'hello-there' });

await tx.send('hello');
await tx.send('world');
console.log('received', await rx.recv(), await rx.recv());
for (let i = 0; i < 5; i++) await btx.send(i);
console.log('bounded got', await brx.recv());
otx.send('hi');
console.log('oneshot got', await orx);
tx.close();
