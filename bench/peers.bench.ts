/**
 * hotpath next to the way global-hook tools observe the same work: an `async_hooks` hook recording every
 * async resource (Clinic.js) and an `AsyncLocalStorage` context per operation (APM agents). Same
 * workloads, same process, interleaved rounds; ratios to the raw workload.
 */
import { wrapFunction } from '../packages/hotpath/src/futures/future-fn.ts';
import { monitorStream } from '../packages/hotpath/src/streams/detect.ts';
import { type BenchResult, formatPeerResults, measure } from './harness.ts';
import { insideAsyncLocalStorage, perOperationAsyncLocalStorage, withAsyncHooks } from './peers.ts';

async function* numbers(count: number) {
  for (let i = 0; i < count; i++) yield i;
}

function consume(wrap: <T>(source: T) => T): (ops: number) => Promise<void> {
  return async (ops) => {
    let sum = 0;
    for await (const n of wrap(numbers(ops))) sum += n;
    if (sum !== (ops * (ops - 1)) / 2) throw new Error('lost items');
  };
}

const rawStream = consume((source) => source);
const monitoredStream = consume((source) => monitorStream(source, { label: 'bench' }, null) as typeof source);

async function work(x: number): Promise<number> {
  await null;
  await null;
  await null;
  return x;
}

function calls(fn: typeof work): (ops: number) => Promise<void> {
  return async (ops) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) sum += await fn(i);
    if (sum !== (ops * (ops - 1)) / 2) throw new Error('wrong results');
  };
}

const rawCalls = calls(work);

export async function run(): Promise<BenchResult[]> {
  return [
    await measure({
      name: 'peers: async function with three awaits (per call)',
      ops: 20_000,
      variants: {
        raw: rawCalls,
        on: calls(wrapFunction(work, { label: 'bench' }, null)),
        asyncHooks: withAsyncHooks(rawCalls),
        als: perOperationAsyncLocalStorage(async (i) => {
          await work(i);
        }),
      },
    }),
    await measure({
      name: 'peers: async generator, for await (per item)',
      ops: 50_000,
      variants: {
        raw: rawStream,
        on: monitoredStream,
        asyncHooks: withAsyncHooks(rawStream),
        als: insideAsyncLocalStorage(rawStream),
      },
    }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatPeerResults(await run()));
