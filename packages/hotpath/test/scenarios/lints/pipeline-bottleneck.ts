/**
 * Chains of rows, linked by `pipeline()`, `pipeThrough()` and the `after:` option:
 * - `parse → enrich → write` (Node streams): `enrich` takes 60 ms an item, so `parse` and `enrich` back up
 *   and `write` keeps up: `enrich` is the slowest stage;
 * - `calm-parse → calm-enrich → calm-write`: the same rate (a source that makes an item every 60 ms), no
 *   stage slow: nothing;
 * - `stage1 → stage2` (hotpath channels, `after:` the pair): the worker between them is slow;
 * - `a → b` (`after: 'a'`, by label): b's consumer, the sink, is slow;
 * - `burst1 → burst2`: bursts that the consumers catch up with: nothing;
 * - `done1 → done2`: closed full (finished): nothing;
 * - `web-source → web-enrich` (a ReadableStream piped through a TransformStream): linked.
 */
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep, setImmediate as yieldTurn } from 'node:timers/promises';
import { channel, snapshot, stream } from '../../../src/index.ts';
import { bounded } from '../../../src/primitives/index.ts';
import { observe, raised } from './observe.ts';

function source(label: string, everyMs: number) {
  let i = 0;
  return channel(
    new Readable({
      objectMode: true,
      highWaterMark: 8,
      read() {
        if (everyMs === 0) this.push(i++);
        else setTimeout(() => this.push(i++), everyMs);
      },
    }),
    { label },
  );
}
const transform = (label: string, takesMs: number) =>
  channel(
    new Transform({
      objectMode: true,
      highWaterMark: 8,
      transform(chunk, _encoding, done) {
        if (takesMs === 0) done(null, chunk);
        else setTimeout(() => done(null, chunk), takesMs);
      },
    }),
    { label },
  );
const sink = (label: string) =>
  channel(
    new Writable({
      objectMode: true,
      highWaterMark: 8,
      write(_chunk, _encoding, done) {
        done();
      },
    }),
    { label },
  );

void pipeline(source('parse', 0), transform('enrich', 60), sink('write'));
void pipeline(source('calm-parse', 60), transform('calm-enrich', 0), sink('calm-write'));

// Between stage1 and stage2 a slow worker.
const stage1 = channel(bounded<number>(4), { label: 'stage1' });
const stage2 = channel(bounded<number>(4), { label: 'stage2', after: stage1 });
void (async () => {
  for (let i = 0; ; i++) await stage1[0].send(i);
})();
void (async () => {
  for (;;) {
    const item = await stage1[1].recv();
    await sleep(60);
    await stage2[0].send(item!);
  }
})();
void (async () => {
  for await (const _ of stage2[1]) {
    // keeps up
  }
})();

// Named by label; the sink is slow.
const a = channel(bounded<number>(4), { label: 'a' });
const b = channel(bounded<number>(4), { label: 'b', after: 'a' });
void (async () => {
  for (let i = 0; ; i++) await a[0].send(i);
})();
void (async () => {
  for await (const item of a[1]) await b[0].send(item);
})();
void (async () => {
  for (;;) {
    await b[1].recv();
    await sleep(60);
  }
})();

// Bursts the consumers catch up with.
const burst1 = channel(bounded<number>(4), { label: 'burst1' });
const burst2 = channel(bounded<number>(4), { label: 'burst2', after: burst1[1] });
void (async () => {
  for (;;) {
    await sleep(150);
    for (let i = 0; i < 6; i++) await burst1[0].send(i);
  }
})();
void (async () => {
  for await (const item of burst1[1]) await burst2[0].send(item);
})();
void (async () => {
  for (;;) {
    await burst2[1].recv();
    await yieldTurn();
  }
})();

// Closed full: finished.
const done1 = channel(bounded<number>(2), { label: 'done1' });
const done2 = channel(bounded<number>(2), { label: 'done2', after: done1 });
for (const [tx, rx] of [done1, done2]) {
  tx.trySend(1);
  tx.trySend(2);
  rx.close();
}

// WHATWG: a source piped through a transform that takes 60 ms an item.
let n = 0;
const webSource = stream(
  new ReadableStream<number>({
    pull(controller) {
      controller.enqueue(n++);
    },
  }),
  { label: 'web-source' },
);
const webEnrich = channel(
  new TransformStream<number, number>(
    {
      async transform(chunk, controller) {
        await sleep(60);
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 4 },
  ),
  { label: 'web-enrich', capacity: 4 },
);
void webSource.pipeThrough(webEnrich).pipeTo(new WritableStream());

const rowsAfter = () => {
  const snap = snapshot();
  const after: Record<string, string | null> = {};
  for (const row of [...snap.channels, ...snap.streams]) after[row.label] = row.after?.label ?? null;
  const ids: Record<string, boolean> = {};
  for (const row of snap.channels)
    if (row.after !== undefined) {
      const upstream = [...snap.channels, ...snap.streams].find((r) => r.label === row.after!.label)!;
      ids[row.label] = upstream.id === row.after.rowId;
    }
  return { after, ids };
};

await observe({
  until: (lints) =>
    raised(lints, 'pipeline-bottleneck', 'enrich') &&
    raised(lints, 'pipeline-bottleneck', 'stage1') &&
    raised(lints, 'pipeline-bottleneck', 'b'),
  clock: (snap) => snap.channels.find((row) => row.label === 'stage1'),
  samples: 40,
  after: () => {
    process.stdout.write(`${JSON.stringify({ links: rowsAfter() })}\n`);
  },
});
