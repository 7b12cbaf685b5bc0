// A million items of one kind made and finished at a few call sites. Prints heap growth after GC and
// the totals the snapshot reports, so the test can check both.
import { channel, future, snapshot, stream } from '../../src/index.ts';
import { bounded, unbounded } from '../../src/primitives/index.ts';

const kind = (process.argv[2] ?? 'channels') as 'channels' | 'streams' | 'futures';
const count = Number(process.argv[3] ?? 1_000_000);

interface Totals {
  /** What the rows' counters must add up to. */
  expected: number;
  total: number;
  /** How many instances the rows stand for: every one made. */
  instances: number;
}

async function settle(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    globalThis.gc!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

function sum(rows: { instances: number }[], field: (row: never) => number): [number, number] {
  let total = 0;
  let instances = 0;
  for (const row of rows) {
    total += field(row as never);
    instances += row.instances;
  }
  return [total, instances];
}

async function churnChannels(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
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
}

async function* two(i: number) {
  yield i;
  yield i + 1;
}

async function churnStreams(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const source = i % 2 === 0 ? stream(two(i)) : stream(two(i), { label: 'logged-stream', log: true });
    for await (const _ of source);
  }
}

async function churnFutures(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) await future(Promise.resolve(i));
    else await future(() => Promise.resolve(i), { label: 'logged-future', log: true });
  }
}

const kinds = {
  channels: {
    churn: churnChannels,
    totals: (): [number, number] => sum(snapshot().channels, (row: { received: number }) => row.received),
    perItem: 1,
  },
  streams: {
    churn: churnStreams,
    totals: (): [number, number] => sum(snapshot().streams, (row: { yielded: number }) => row.yielded),
    perItem: 2,
  },
  futures: {
    churn: churnFutures,
    totals: (): [number, number] => sum(snapshot().futures, (row: { calls: number }) => row.calls),
    perItem: 1,
  },
};

// Warm up first, so that compiled code and the registry's fixed parts are in the baseline, not the growth.
const warm = 10_000;
await kinds[kind].churn(warm);
const before = await settle();
await kinds[kind].churn(count);
const after = await settle();
const [total, instances] = kinds[kind].totals();
const result: Totals & Record<string, unknown> = {
  kind,
  count,
  growthMB: Math.round(((after - before) / 2 ** 20) * 10) / 10,
  expected: (warm + count) * kinds[kind].perItem,
  total,
  instances,
  rows: snapshot()[kind].length,
};
console.log(JSON.stringify(result));
