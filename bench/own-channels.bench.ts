/** hotpath's own channels: bounded(1024) send + recv, raw vs monitoring off vs on vs on with `log`. */
import { ownChannelAdapter } from '../packages/hotpath/src/channels/own.ts';
import { channel } from '../packages/hotpath/src/index.ts';
import { bounded, type Receiver, type Sender } from '../packages/hotpath/src/primitives/index.ts';
import { type BenchResult, formatResults, measure } from './harness.ts';

type Pair = [Sender<number>, Receiver<number>];

const raw = (): Pair => bounded<number>(1024);
const off = (): Pair => channel(bounded<number>(1024)); // this process runs without HOTPATH: the identity path
const on = (): Pair => ownChannelAdapter.monitor(bounded<number>(1024), { label: 'bench' }, null) as Pair;
const logged = (): Pair =>
  ownChannelAdapter.monitor(bounded<number>(1024), { label: 'bench', log: true }, null) as Pair;

/** Fill half the buffer, drain it: the synchronous fast path every message takes when nobody waits. */
function syncWorkload(make: () => Pair) {
  const [tx, rx] = make();
  return (ops: number) => {
    for (let done = 0; done < ops; done += 512) {
      for (let i = 0; i < 512; i++) tx.trySend(i);
      for (let i = 0; i < 512; i++) rx.tryRecv();
    }
  };
}

/** A producer awaiting `send` and a consumer awaiting `recv`, as real code does. */
function asyncWorkload(make: () => Pair) {
  return async (ops: number) => {
    const [tx, rx] = make();
    const producer = (async () => {
      for (let i = 0; i < ops; i++) await tx.send(i);
      tx.close();
    })();
    let received = 0;
    while ((await rx.recv()) !== undefined) received++;
    await producer;
    if (received !== ops) throw new Error(`lost messages: ${received}/${ops}`);
  };
}

export async function run(): Promise<BenchResult[]> {
  return [
    await measure({
      name: 'own bounded(1024) trySend+tryRecv (no waiting)',
      hotpathRs: '47–88 ns',
      ops: 512 * 400,
      variants: {
        raw: syncWorkload(raw),
        off: syncWorkload(off),
        on: syncWorkload(on),
        log: syncWorkload(logged),
      },
    }),
    await measure({
      name: 'own bounded(1024) await send+recv',
      hotpathRs: '47–88 ns',
      ops: 50_000,
      variants: {
        raw: asyncWorkload(raw),
        off: asyncWorkload(off),
        on: asyncWorkload(on),
        log: asyncWorkload(logged),
      },
      budget: { onRatio: 1.25, offRatio: 1.02 },
    }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatResults(await run()));
