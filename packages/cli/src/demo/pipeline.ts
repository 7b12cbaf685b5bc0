/**
 * The demo's traffic: a small job-processing service with every kind of thing hotpath monitors, at a
 * pace a person can watch. `jobs` fills (its consumer is slower than its producer), `results` is drained
 * in bursts, replies are oneshots (one per request, folding into a summary row), and futures resolve,
 * reject and hang.
 */
import { setMaxListeners } from 'node:events';
import { PassThrough, Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { channel, future, futureFn, stream } from 'hotpath';
import { bounded, oneshot, unbounded } from 'hotpath/channels';

interface Job {
  id: number;
  kind: 'resize' | 'encode' | 'index';
  bytes: number;
}

const KINDS: Job['kind'][] = ['resize', 'encode', 'index'];
const hanging: Promise<unknown>[] = [];

/** Starts everything; it all winds down when `signal` aborts. */
export function startPipeline(signal: AbortSignal): Promise<unknown> {
  // Every pending sleep listens on the signal; a dozen at once is expected here, not a leak.
  setMaxListeners(64, signal);
  const tasks = [
    jobQueue(signal),
    eventBus(signal),
    requests(signal),
    nodeStreams(signal),
    webStream(signal),
    sensors(signal),
    batches(signal),
    futures(signal),
  ];
  // A demo task that fails says so once and the others carry on.
  return Promise.all(
    tasks.map((task) => task.catch((error: unknown) => process.stderr.write(`[demo] ${String(error)}\n`))),
  );
}

function sleepOr(signal: AbortSignal, ms: number): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return sleep(ms, true, { signal }).catch(() => false);
}

/** jobs: bounded(8), produced every 40 ms, each taking 100 ms to process: it fills and stays full. */
async function jobQueue(signal: AbortSignal): Promise<void> {
  const [jobsTx, jobsRx] = channel(bounded<Job>(8), { label: 'jobs', log: true });
  const [resultsTx, resultsRx] = channel(unbounded<string>(), { label: 'results', log: true });
  const producer = (async () => {
    try {
      for (let id = 1; await sleepOr(signal, 40); id++) {
        await jobsTx.send({ id, kind: KINDS[id % 3]!, bytes: 512 + ((id * 7919) % 4096) });
      }
      jobsTx.close();
    } catch {
      // the worker stopped first and closed the channel
    }
  })();
  const worker = (async () => {
    for await (const job of jobsRx) {
      if (!(await sleepOr(signal, 100))) break;
      resultsTx.send(`${job.kind} #${job.id} done (${job.bytes} bytes)`);
    }
    jobsRx.close();
    resultsTx.close();
  })();
  // The writer flushes every half second: `results` grows and empties.
  const writer = (async () => {
    while (await sleepOr(signal, 500)) {
      while (resultsRx.tryRecv() !== undefined) {
        // flushed
      }
    }
  })();
  await Promise.all([producer, worker, writer]);
}

/** events: a fast unbounded channel with a fast consumer: a high rate and an empty queue. */
async function eventBus(signal: AbortSignal): Promise<void> {
  const [tx, rx] = channel(unbounded<{ type: string; at: number }>(), { label: 'events' });
  const consumer = (async () => {
    let seen = 0;
    for await (const _event of rx) seen++;
    return seen;
  })();
  while (await sleepOr(signal, 5)) {
    for (let i = 0; i < 20; i++) tx.send({ type: i % 2 ? 'click' : 'view', at: Date.now() });
  }
  tx.close();
  await consumer;
}

/** Request/reply: each request carries a oneshot for its answer. One call site, many instances. */
async function requests(signal: AbortSignal): Promise<void> {
  for (let n = 1; await sleepOr(signal, 1000); n++) {
    const [replyTx, replyRx] = channel(oneshot<number>(), { label: 'reply' });
    setTimeout(() => replyTx.send(n * n), 30).unref();
    await replyRx;
  }
}

/** A Node stream pipeline: lines from a Readable, upper-cased by a Transform, into a Writable. */
async function nodeStreams(signal: AbortSignal): Promise<void> {
  async function* lines() {
    for (let n = 1; await sleepOr(signal, 50); n++) yield `log line ${n}: GET /api/items/${n % 97} 200\n`;
  }
  const source = stream(Readable.from(lines()), { label: 'access-log', log: true });
  // A Transform is a channel: what is written in and not yet read out is its queue.
  const upper = channel(
    new Transform({
      transform(chunk, _encoding, done) {
        done(null, String(chunk).toUpperCase());
      },
    }),
    { label: 'upper-case', log: true },
  );
  const tap = new PassThrough();
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      setTimeout(done, 10);
    },
  });
  await pipeline(source, upper, tap, sink, { signal }).catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
}

/** A WHATWG ReadableStream of prices, read through a TransformStream. */
async function webStream(signal: AbortSignal): Promise<void> {
  let tick = 0;
  const prices = new ReadableStream<{ symbol: string; price: number }>({
    async pull(controller) {
      if (!(await sleepOr(signal, 80))) {
        controller.close();
        return;
      }
      tick++;
      controller.enqueue({
        symbol: ['ACME', 'INIT', 'HOTP'][tick % 3]!,
        price: 100 + Math.sin(tick / 5) * 10,
      });
    },
  });
  const monitored = stream(prices, { label: 'prices', log: (quote) => JSON.stringify(quote) });
  const format = channel(
    new TransformStream<{ symbol: string; price: number }, string>({
      transform(quote, controller) {
        controller.enqueue(`${quote.symbol} ${quote.price.toFixed(2)}`);
      },
    }),
    { label: 'format-prices', log: true },
  );
  const reader = monitored.pipeThrough(format).getReader();
  while (!(await reader.read()).done) {
    // consumed
  }
}

/** An endless async generator, consumed as it comes. */
async function sensors(signal: AbortSignal): Promise<void> {
  async function* readings() {
    for (let n = 0; await sleepOr(signal, 25); n++) yield { sensor: `t${n % 4}`, celsius: 20 + (n % 7) };
  }
  for await (const _reading of stream(readings(), { label: 'sensor-readings', log: true })) {
    // consumed
  }
}

/** A short async generator every two seconds: finished streams that fold into one summary row. */
async function batches(signal: AbortSignal): Promise<void> {
  async function* batch(size: number) {
    for (let i = 0; i < size; i++) {
      await sleep(5);
      yield i;
    }
  }
  while (await sleepOr(signal, 2000)) {
    for await (const _item of stream(batch(20), { label: 'batch' })) {
      // consumed
    }
  }
}

/** Futures that resolve (fetchUser), sometimes reject (chargeCard), and never settle (waitForever). */
async function futures(signal: AbortSignal): Promise<void> {
  const fetchUser = futureFn(
    async (id: number) => {
      await sleep(20 + (id % 5) * 15);
      return { id, name: `user-${id}` };
    },
    { label: 'fetchUser', log: true },
  );
  const chargeCard = async (amount: number) => {
    await sleep(40);
    if (amount % 4 === 0) throw new Error(`card declined for ${amount}`);
    return `charged ${amount}`;
  };
  // A promise nobody will ever settle, held so that it stays pending (dropped, it would be collected and
  // show as cancelled).
  const never = new Promise<never>(() => {});
  hanging.push(never, future(never, { label: 'waitForever' }));
  for (let n = 1; await sleepOr(signal, 150); n++) {
    void fetchUser(n);
    future(() => chargeCard(n), { label: 'chargeCard', log: true }).catch(() => {
      // a declined card is part of the demo
    });
  }
}
