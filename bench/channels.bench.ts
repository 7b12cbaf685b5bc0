/**
 * channel() on the primitives programs really use: throughput raw vs monitoring off vs on vs on with
 * `log`, one workload per kind, each as real code drives it (await, pipes, listeners).
 */
import { EventEmitter } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MessageChannel } from 'node:worker_threads';
import { Channel } from 'async-channel';
import { pushable } from 'it-pushable';
import { monitorChannel } from '../packages/hotpath/src/channels/detect.ts';
import { channel } from '../packages/hotpath/src/index.ts';
import { type BenchCase, type BenchResult, measure } from './harness.ts';

type Wrap = <T>(target: T) => T;
const budget = { onRatio: 1.1 };

/** The four ways a primitive reaches the workload; this process runs without HOTPATH, so `off` is the identity path. */
const wraps: Record<'raw' | 'off' | 'on' | 'log', Wrap> = {
  raw: (target) => target,
  off: (target) => channel(target),
  on: (target) => monitorChannel(target, { label: 'bench' }, null) as typeof target,
  log: (target) => monitorChannel(target, { label: 'bench', log: true }, null) as typeof target,
};

function cases(name: string, ops: number, workload: (wrap: Wrap) => (ops: number) => unknown): BenchCase {
  return {
    name,
    ops,
    rounds: 11,
    budget,
    variants: {
      raw: workload(wraps.raw) as BenchCase['variants']['raw'],
      off: workload(wraps.off) as BenchCase['variants']['raw'],
      on: workload(wraps.on) as BenchCase['variants']['raw'],
      log: workload(wraps.log) as BenchCase['variants']['raw'],
    },
  };
}

/** write() then read() on a PassThrough, a batch at a time: the per-message cost with nothing else in the way. */
const nodeWriteRead = (wrap: Wrap) => async (ops: number) => {
  const stream = wrap(new PassThrough({ objectMode: true, highWaterMark: 64 }));
  for (let done = 0; done < ops; done += 32) {
    for (let i = 0; i < 32; i++) stream.write(i);
    for (let i = 0; i < 32; i++) stream.read();
    await new Promise(setImmediate);
  }
};

/** Readable.from → monitored PassThrough → Writable through pipeline(). */
const nodePipeline = (wrap: Wrap) => async (ops: number) => {
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < ops; i++) yield i;
    })(),
  );
  const sink = new Writable({ objectMode: true, write: (_chunk, _encoding, callback) => callback() });
  await pipeline(source, wrap(new PassThrough({ objectMode: true })), sink);
};

/** A ReadableStream piped through a monitored TransformStream into a WritableStream. */
const webPipe = (wrap: Wrap) => async (ops: number) => {
  let i = 0;
  const source = new ReadableStream<number>({
    pull(controller) {
      if (i++ < ops) controller.enqueue(i);
      else controller.close();
    },
  });
  await source.pipeThrough(wrap(new TransformStream<number, number>())).pipeTo(new WritableStream());
};

/** postMessage a batch, receive it through on('message'). */
const ports = (wrap: Wrap) => {
  return async (ops: number) => {
    const { port1, port2 } = wrap(new MessageChannel());
    let received = 0;
    await new Promise<void>((resolve) => {
      port2.on('message', () => {
        if (++received === ops) resolve();
      });
      for (let i = 0; i < ops; i++) port1.postMessage(i);
    });
    port1.close();
  };
};

const emitter = (wrap: Wrap) => {
  const bus = wrap(new EventEmitter());
  let total = 0;
  bus.on('tick', (n: number) => {
    total += n;
  });
  return (ops: number) => {
    for (let i = 0; i < ops; i++) bus.emit('tick', i);
    return total;
  };
};

const itPushable = (wrap: Wrap) => async (ops: number) => {
  const queue = wrap(pushable<number>({ objectMode: true }));
  const consumer = (async () => {
    let n = 0;
    for await (const _ of queue) n++;
    return n;
  })();
  for (let i = 0; i < ops; i++) {
    queue.push(i);
    if (i % 64 === 63) await new Promise(setImmediate);
  }
  queue.end();
  if ((await consumer) !== ops) throw new Error('lost messages');
};

const asyncChannel = (wrap: Wrap) => async (ops: number) => {
  const chan = wrap(new Channel<number>(64));
  const producer = (async () => {
    for (let i = 0; i < ops; i++) await chan.push(i);
    chan.close();
  })();
  let n = 0;
  for await (const _ of chan) n++;
  await producer;
  if (n !== ops) throw new Error('lost messages');
};

const all = [
  cases('node PassThrough write+read (objectMode)', 32 * 300, nodeWriteRead),
  cases('node pipeline through a PassThrough', 20_000, nodePipeline),
  cases('web pipeThrough a TransformStream', 10_000, webPipe),
  cases('MessageChannel postMessage → on(message)', 10_000, ports),
  cases('EventEmitter emit, one listener', 200_000, emitter),
  cases('it-pushable push → for await', 20_000, itPushable),
  cases('async-channel(64) push → for await', 20_000, asyncChannel),
];

/** `filter` narrows to the cases whose name contains it (for tuning one kind). */
export async function run(filter?: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const bench of all)
    if (filter === undefined || bench.name.includes(filter)) results.push(await measure(bench));
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatResults } = await import('./harness.ts');
  console.log(formatResults(await run()));
}
