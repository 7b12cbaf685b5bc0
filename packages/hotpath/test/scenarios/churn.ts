// 200,000 channels made and finished at one call site: rows stay bounded, totals stay exact.
import { channel, snapshot } from '../../src/index.ts';
import { bounded } from '../../src/primitives/index.ts';

const total = Number(process.argv[2] ?? 200_000);
for (let i = 0; i < total; i++) {
  const [tx, rx] = channel(bounded<number>(1));
  tx.trySend(i);
  rx.tryRecv();
  tx.close();
}
// Channels dropped without ever being closed are ended by the garbage collector.
for (let i = 0; i < 5000; i++) {
  const [tx] = channel(bounded<number>(1), { label: 'dropped' });
  tx.trySend(i);
}
globalThis.gc?.();
await new Promise((resolve) => setTimeout(resolve, 50));
globalThis.gc?.();
await new Promise((resolve) => setTimeout(resolve, 50));
const rows = snapshot().channels;
console.log(
  JSON.stringify({
    rows: rows.length,
    sent: rows.reduce((sum, row) => sum + row.sent, 0),
    received: rows.reduce((sum, row) => sum + row.received, 0),
    instances: rows.reduce((sum, row) => sum + row.instances, 0),
    summaries: rows
      .filter((row) => row.instances > 1)
      .map((row) => ({ label: row.label, instances: row.instances })),
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
  }),
);
