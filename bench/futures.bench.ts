/**
 * futureFn on an async function with three awaits: raw vs monitoring off vs on vs on with `log`, and,
 * as a separate case, on with HOTPATH_FUTURE_POLLS; and the floor any exact wrapper is held to.
 */
import { config } from '../packages/hotpath/src/config.ts';
import { wrapFunction } from '../packages/hotpath/src/futures/future-fn.ts';
import { futureFn } from '../packages/hotpath/src/index.ts';
import { type BenchResult, measure } from './harness.ts';

async function work(x: number): Promise<number> {
  await null;
  await null;
  await null;
  return x;
}

type Work = typeof work;

/**
 * The floor: what any exact wrapper must add, with no counting at all. The program must be handed a
 * promise derived from the call's (observing the call's own promise on the side would mark it handled,
 * and a rejection nobody handles would go unreported): one `.then` per call. And its handlers must know
 * which call settled, because any call may outlive its turn and then be listed, timed and watched for
 * loss (the hang report, `future-lost`): two closures over something of the call's own.
 */
let lastSettled = 0;
const floor: Work = (x) => {
  const id = x;
  return work(x).then(
    (value) => {
      lastSettled = id;
      return value;
    },
    (error) => {
      lastSettled = id;
      throw error;
    },
  );
};

const off: Work = futureFn(work); // this process runs without HOTPATH: the identity path
const on: Work = wrapFunction(work, { label: 'bench' }, null);
const logged: Work = wrapFunction(work, { label: 'bench-log', log: true }, null);

function calls(fn: Work) {
  return async (ops: number) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) sum += await fn(i);
    if (sum !== (ops * (ops - 1)) / 2) throw new Error(`wrong results (last settled: ${lastSettled})`);
  };
}

/** The workload as HOTPATH_FUTURE_POLLS=1 runs it: wrapped with polls on, polls on while it runs. */
function withPolls() {
  config.futurePolls = true;
  const inner = calls(wrapFunction(work, { label: 'bench-polls' }, null));
  config.futurePolls = false;
  return async (ops: number) => {
    config.futurePolls = true;
    try {
      await inner(ops);
    } finally {
      config.futurePolls = false;
    }
  };
}

export async function run(): Promise<BenchResult[]> {
  return [
    await measure({
      name: 'futureFn async fn, 3 awaits, await each call',
      ops: 100_000,
      variants: { raw: calls(work), off: calls(off), on: calls(on), log: calls(logged), floor: calls(floor) },
      // Issue 21: +80 ns. hotpath-rs publishes ~125 ns per poll; a call here is four polls' worth of work.
      budget: { onExtraNs: 80 },
      hotpathRs: '~125 ns/poll',
    }),
    await measure({
      name: 'futureFn with HOTPATH_FUTURE_POLLS (on = polls)',
      ops: 50_000,
      rounds: 9,
      variants: { raw: calls(work), on: withPolls() },
    }),
  ];
}
