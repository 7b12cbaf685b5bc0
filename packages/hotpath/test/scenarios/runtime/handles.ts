// Monitors a channel, then prints the active handles and whether the runtime sampler runs.
import { channel, enabled } from '../../../src/index.ts';
import { bounded } from '../../../src/primitives/index.ts';
import { mainRuntimeRunning } from '../../../src/runtime/main-thread.ts';

const [tx, rx] = channel(bounded<number>(1));
await tx.send(1);
await rx.recv();
await new Promise((resolve) => setImmediate(resolve));
console.log(
  JSON.stringify({ enabled, sampler: mainRuntimeRunning(), resources: process.getActiveResourcesInfo() }),
);
