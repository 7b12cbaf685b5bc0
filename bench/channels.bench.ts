/**
 * channel() on the primitives programs really use: throughput raw vs monitoring off vs on vs on with
 * `log`, one workload per kind, each as real code drives it (await, pipes, listeners).
 */
import { EventEmitter, once } from 'node:events';
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

/** hotpath-rs's published cost of one message through a wrapped channel (wrap mode, M2 Pro). */
const hotpathRs = '47–88 ns';

function cases(name: string, ops: number, workload: (wrap: Wrap) => (ops: number) => unknown): BenchCase {
  return {
    name,
    ops,
    hotpathRs,
    // Rounds of ~1 ms swung this file's ratios by ±30% between runs on a busy machine: rounds of 20 ms or
    // more, more of them, and ratios paired within each round.
    rounds: 21,
    minRoundMs: 20,
    budget,
    variants: {
      raw: workload(wraps.raw) as BenchCase['variants']['raw'],
      off: workload(wraps.off) as BenchCase['variants']['raw'],
      on: workload(wraps.on) as BenchCase['variants']['raw'],
      log: workload(wraps.log) as BenchCase['variants']['raw'],
    },
  };
}

/**
 * write() then read() on a PassThrough, a batch at a time: the per-message cost with nothing else in the
 * way. One long-lived stream per variant (a fresh one per round let optimised code that had embedded the
 * last one deoptimise when it died), and the batches yield through nextTick rather than setImmediate, so
 * that a busy machine's scheduling at each event-loop turn is not what gets timed.
 */
const nodeWriteRead = (wrap: Wrap) => {
  const stream = wrap(new PassThrough({ objectMode: true, highWaterMark: 64 }));
  return async (ops: number) => {
    for (let done = 0; done < ops; done += 32) {
      for (let i = 0; i < 32; i++) stream.write(i);
      for (let i = 0; i < 32; i++) stream.read();
      await new Promise(process.nextTick);
    }
  };
};

/**
 * The flowing case: a `'data'` listener, writes awaiting `'drain'` whenever `write()` says stop. Each
 * write is delivered inside it, so this is the whole per-message path of a flowing PassThrough.
 */
const nodeFlowing = (wrap: Wrap) => {
  const stream = wrap(new PassThrough({ objectMode: true, highWaterMark: 1024 }));
  let received = 0;
  stream.on('data', () => {
    received++;
  });
  return async (ops: number) => {
    const target = received + ops;
    for (let i = 0; i < ops; i++) if (!stream.write(i)) await once(stream, 'drain');
    if (received !== target) throw new Error('lost messages');
  };
};

/** Paused mode: a `'readable'` listener drains the buffer with `read()`; the writer awaits `'drain'`. */
const nodeReadable = (wrap: Wrap) => {
  const stream = wrap(new PassThrough({ objectMode: true, highWaterMark: 1024 }));
  let received = 0;
  let wanted = 0;
  let done = () => {};
  stream.on('readable', () => {
    while (stream.read() !== null) received++;
    if (received === wanted) done();
  });
  return async (ops: number) => {
    wanted = received + ops;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    for (let i = 0; i < ops; i++) if (!stream.write(i)) await once(stream, 'drain');
    if (received !== wanted) await finished;
  };
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

/**
 * postMessage a batch of 500, receive it through on('message'), next batch: on one long-lived channel per
 * variant (a round of 20 ms posted at once queued tens of thousands and timed the queue's growth).
 */
const ports = (wrap: Wrap) => {
  const { port1, port2 } = wrap(new MessageChannel());
  let received = 0;
  let expected = 0;
  let done = () => {};
  port2.on('message', () => {
    if (++received === expected) done();
  });
  // Started by the listener, the port would keep the bench process alive once the rounds are over.
  port2.unref();
  const batch = (count: number) =>
    new Promise<void>((resolve) => {
      received = 0;
      expected = count;
      done = resolve;
      for (let i = 0; i < count; i++) port1.postMessage(i);
    });
  return async (ops: number) => {
    port2.ref();
    for (let left = ops; left > 0; left -= 500) await batch(Math.min(500, left));
    port2.unref();
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

/** One long-lived queue and consumer per variant; the producer yields every 64 pushes (through nextTick). */
const itPushable = (wrap: Wrap) => {
  const queue = wrap(pushable<number>({ objectMode: true }));
  let consumed = 0;
  void (async () => {
    for await (const _ of queue) consumed++;
  })();
  return async (ops: number) => {
    const target = consumed + ops;
    for (let i = 0; i < ops; i++) {
      queue.push(i);
      if (i % 64 === 63) await new Promise(process.nextTick);
    }
    while (consumed < target) await new Promise(process.nextTick);
  };
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
  { ...cases("node PassThrough flowing 'data', hwm 1024, await drain", 1_000_000, nodeFlowing), rounds: 11 },
  cases("node PassThrough 'readable' + read(), hwm 1024", 20_000, nodeReadable),
  cases('node pipeline through a PassThrough', 20_000, nodePipeline),
  cases('web pipeThrough a TransformStream', 10_000, webPipe),
  cases('MessageChannel postMessage → on(message)', 10_000, ports),
  // Issue 21: an emit may cost at most 6 ns more than a bare one.
  { ...cases('EventEmitter emit, one listener', 200_000, emitter), budget: { onExtraNs: 6 } },
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

// Run alone (`node --import tsx bench/channels.bench.ts [name filter]`) for tuning one kind.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatResults } = await import('./harness.ts');
  console.log(formatResults(await run(process.argv[2])));
}
