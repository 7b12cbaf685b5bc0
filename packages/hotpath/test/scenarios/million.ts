// A million items of one kind made and finished at a few call sites. Prints heap growth after GC and
// the totals the snapshot reports, so the test can check both.
import { channel, snapshot } from '../../src/index.ts';
import { bounded, unbounded } from '../../src/primitives/index.ts';

const kind = process.argv[2] ?? 'channels';
const count = Number(process.argv[3] ?? 1_000_000);

async function settle(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    globalThis.gc!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

async function churnChannels(): Promise<{ expected: number; total: number }> {
  for (let i = 0; i < count; i++) {
    const site = i % 3;
    const [tx, rx] =
      site === 0
        ? channel(bounded<number>(2))
        : site === 1
          ? channel(unbounded<number>(), { label: 'unbounded-churn' })
          : channel(bounded<number>(1), { label: 'bounded-churn', log: true });
    tx.trySend(i);
    rx.tryRecv();
    tx.close();
  }
  const rows = snapshot().channels;
  return { expected: count, total: rows.reduce((sum, row) => sum + row.received, 0) };
}

const kinds: Record<string, () => Promise<{ expected: number; total: number }>> = { channels: churnChannels };

// Warm up once so that code and the registry's fixed parts are in the baseline, not the growth.
const warm = count;
const before = await settle();
const totals = await kinds[kind]!();
const after = await settle();
console.log(
  JSON.stringify({
    kind,
    count: warm,
    growthMB: Math.round(((after - before) / 2 ** 20) * 10) / 10,
    ...totals,
    rows: snapshot()[kind as 'channels'].length,
  }),
);
