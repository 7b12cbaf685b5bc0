// hotpath-rs's `iter` scenario: instances made at one call site get -2, -3 suffixes.
import { channel } from '../../src/index.ts';
import { bounded, oneshot, unbounded } from '../../src/primitives/index.ts';

const actors = [];
for (let i = 0; i < 3; i++) {
  actors.push(channel(bounded<number>(10), { label: 'Actor 1' }));
}
const plain = [];
for (let i = 0; i < 3; i++) {
  plain.push(channel(unbounded<number>())); // UNBOUNDED-SITE
}
const shots = [];
for (let i = 0; i < 3; i++) {
  shots.push(channel(oneshot<number>())); // ONESHOT-SITE
}
for (const [tx] of actors) await tx.send(1);
console.log('made', actors.length + plain.length + shots.length, 'channels');
