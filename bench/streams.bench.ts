/** Items per second through each kind of stream: raw vs monitoring off vs on vs on with `log`. */
import { Readable } from 'node:stream';
import { stream } from '../packages/hotpath/src/index.ts';
import { monitorStream } from '../packages/hotpath/src/streams/detect.ts';
import { type BenchResult, formatResults, measure, type Workload } from './harness.ts';

type Wrap = <T>(source: T) => T;

const raw: Wrap = (source) => source;
const off: Wrap = (source) => stream(source); // this process runs without HOTPATH: the identity path
const on: Wrap = (source) => monitorStream(source, { label: 'bench' }, null) as typeof source;
const logged: Wrap = (source) => monitorStream(source, { label: 'bench', log: true }, null) as typeof source;

const identity = (value: unknown) => value;
const rethrow = (error: unknown) => {
  throw error;
};

/**
 * An iterator whose `next()` promise is observed by one `.then`, settling the same way, and nothing else.
 * The arguments are forwarded as ours are (no rest array), so that the floor is not padded.
 */
function thenPerNext<I extends { next: (...args: unknown[]) => Promise<unknown> }>(iterator: I): I {
  const next = iterator.next;
  iterator.next = function (this: unknown) {
    // biome-ignore lint/complexity/noArguments: forwards exactly what the caller passed, without a copy
    return next.apply(this, arguments as never).then(identity, rethrow);
  };
  return iterator;
}

/**
 * The floor: what any exact counting of an async iterator's items must add. Knowing that an item came
 * (rather than an end or an error) means waiting for the promise `next()` returns: one `.then` per item.
 * Observing that promise on the side instead would mark it handled, hiding a rejection nobody handles.
 */
const floor: Wrap = (source) => {
  const target = source as unknown as Record<symbol | string, unknown>;
  if (typeof target.next === 'function') return thenPerNext(target as never) as typeof source;
  const iterate = target[Symbol.asyncIterator] as () => never;
  target[Symbol.asyncIterator] = function (this: unknown) {
    return thenPerNext(iterate.call(this));
  };
  return source;
};

/** hotpath-rs's published cost of one item through a wrapped stream (M2 Pro). */
const hotpathRs = '~30 ns';

async function* numbers(count: number) {
  for (let i = 0; i < count; i++) yield i;
}

function generatorWorkload(wrap: Wrap): Workload {
  return async (ops) => {
    let sum = 0;
    for await (const n of wrap(numbers(ops))) sum += n;
    if (sum !== (ops * (ops - 1)) / 2) throw new Error('lost items');
  };
}

/** An object-mode Readable that produces what it is asked for, consumed with `for await`. */
function readableWorkload(wrap: Wrap): Workload {
  return async (ops) => {
    let produced = 0;
    const source = new Readable({
      objectMode: true,
      read() {
        while (produced < ops) if (!this.push(produced++)) return;
        this.push(null);
      },
    });
    let count = 0;
    for await (const _ of wrap(source)) count++;
    if (count !== ops) throw new Error('lost items');
  };
}

/** A pull-driven ReadableStream (one item per pull), read with a reader; `make` is the per-chunk work. */
function webWorkload(wrap: Wrap, make: (i: number) => unknown = (i) => i): Workload {
  return async (ops) => {
    let produced = 0;
    const source = new ReadableStream<unknown>({
      pull(controller) {
        if (produced < ops) controller.enqueue(make(produced++));
        else controller.close();
      },
    });
    const reader = wrap(source).getReader();
    let count = 0;
    while (!(await reader.read()).done) count++;
    if (count !== ops) throw new Error('lost items');
  };
}

/** The same source consumed with `for await` (the stream's own async iterator). */
function webIterationWorkload(wrap: Wrap): Workload {
  return async (ops) => {
    let produced = 0;
    const source = new ReadableStream<number>({
      pull(controller) {
        if (produced < ops) controller.enqueue(produced++);
        else controller.close();
      },
    });
    let count = 0;
    for await (const _ of wrap(source)) count++;
    if (count !== ops) throw new Error('lost items');
  };
}

const variants = (make: (wrap: Wrap) => Workload) => ({
  raw: make(raw),
  off: make(off),
  on: make(on),
  log: make(logged),
});

/** The same, and the floor, for the iterations whose budget is near or below it. */
const variantsAndFloor = (make: (wrap: Wrap) => Workload) => ({ ...variants(make), floor: make(floor) });

export async function run(): Promise<BenchResult[]> {
  return [
    await measure({
      name: 'stream: async generator, for await',
      ops: 100_000,
      variants: variantsAndFloor(generatorWorkload),
      budget: { onRatio: 1.2 },
      hotpathRs,
    }),
    await measure({
      name: 'stream: Node Readable (objectMode), for await',
      ops: 100_000,
      variants: variants(readableWorkload),
      budget: { onRatio: 1.1 },
      hotpathRs,
    }),
    await measure({
      name: 'stream: ReadableStream, reader.read()',
      ops: 50_000,
      variants: variants(webWorkload),
      budget: { onRatio: 1.1 },
      hotpathRs,
    }),
    await measure({
      name: 'stream: ReadableStream, for await',
      ops: 50_000,
      variants: variantsAndFloor(webIterationWorkload),
      budget: { onRatio: 1.1 },
      hotpathRs,
    }),
    await measure({
      name: 'stream: ReadableStream of fresh 16 KiB chunks',
      ops: 20_000,
      variants: variants((wrap) => webWorkload(wrap, () => new Uint8Array(16_384))),
      hotpathRs,
    }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatResults(await run()));
