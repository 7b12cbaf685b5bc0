// Prints what keeps the event loop alive once the program's own work is done.
import { channel, start } from '../../src/index.ts';
import { bounded, oneshot } from '../../src/primitives/index.ts';

const [tx, rx] = channel(bounded<number>(2), { log: true });
const [otx, orx] = channel(oneshot<number>());
await tx.send(1);
await rx.recv();
otx.send(2);
await orx;
const guard = start({ timeoutMs: 60_000 });
await new Promise((resolve) => setImmediate(resolve));
console.log(JSON.stringify(process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap')));
if (process.argv.includes('--stop')) await guard.stop();
