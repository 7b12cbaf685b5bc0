// Blocks the event loop for 300 ms once monitoring runs, then prints the snapshot's runtime field.
import { channel, snapshot } from '../../../src/index.ts';
import { bounded } from '../../../src/primitives/index.ts';

const [tx, rx] = channel(bounded<number>(1));
await tx.send(1);
await rx.recv();
await new Promise((resolve) => setTimeout(resolve, 100));
const end = performance.now() + 300;
while (performance.now() < end) {}
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(JSON.stringify(snapshot().runtime));
