import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { streamRows } from '../../src/registry/streams.ts';
import { monitorStream } from '../../src/streams/detect.ts';

const macrotask = () => new Promise((resolve) => setImmediate(resolve));
const wrap = <T>(source: T, label: string) => monitorStream(source, { label }, null) as T;

/** Six chunks queued into a source with highWaterMark 4, then three reads: what the source sees. */
async function sourceView(wrapped: boolean) {
  let pulls = 0;
  let controller!: ReadableStreamDefaultController<number>;
  const source = new ReadableStream<number>(
    {
      start(c) {
        controller = c;
        for (let i = 1; i <= 6; i++) c.enqueue(i);
      },
      pull() {
        pulls++;
      },
    },
    { highWaterMark: 4 },
  );
  const desired = [controller.desiredSize];
  const reader = (wrapped ? wrap(source, 'exactness') : source).getReader();
  const got: number[] = [];
  for (let i = 0; i < 3; i++) {
    got.push((await reader.read()).value!);
    await macrotask();
    desired.push(controller.desiredSize);
  }
  return { desired, pulls, got };
}

describe('a wrapped ReadableStream buffers nothing of its own', () => {
  test("the source's queue (desiredSize) and pull calls are identical wrapped and not", async () => {
    const raw = await sourceView(false);
    const wrapped = await sourceView(true);
    assert.deepEqual(raw, { desired: [-2, -1, 0, 1], pulls: 1, got: [1, 2, 3] });
    assert.deepEqual(wrapped, raw);
    const row = streamRows().find((r) => r.label === 'exactness')!;
    assert.equal(row.yielded, 3);
    assert.equal(row.state, 'active');
  });

  test('a byte stream comes back as a byte stream: a BYOB reader works on it', async () => {
    const source = new ReadableStream({
      type: 'bytes',
      pull(controller) {
        controller.enqueue(new Uint8Array([1, 2, 3]));
        controller.close();
      },
    });
    const wrapped = wrap(source, 'bytes');
    assert.ok(wrapped instanceof ReadableStream);
    const reader = wrapped.getReader({ mode: 'byob' });
    const { value } = await reader.read(new Uint8Array(8));
    assert.deepEqual([...value!], [1, 2, 3]);
    assert.equal((await reader.read(new Uint8Array(8))).done, true);
    const row = streamRows().find((r) => r.label === 'bytes')!;
    assert.equal(row.state, 'closed');
  });
});

// Pinned deviations (README, Streams › Accuracy).
describe('what differs, on purpose', () => {
  test('a read settles exactly one microtask later than on the source itself', async () => {
    const ticksToRead = async (stream: ReadableStream<number>) => {
      const reader = stream.getReader();
      let ticks = 0;
      let done = false;
      const counter = (async () => {
        while (!done) {
          await null;
          ticks++;
        }
      })();
      await reader.read();
      done = true;
      await counter;
      return ticks;
    };
    const make = () =>
      new ReadableStream<number>({
        start(c) {
          c.enqueue(1);
        },
      });
    const raw = await ticksToRead(make());
    const wrapped = await ticksToRead(wrap(make(), 'ticks'));
    assert.equal(wrapped, raw + 1, `wrapped ${wrapped} ticks, raw ${raw}`);
  });

  test('an error while no reader is held shows only once the stream is read again', async () => {
    let controller!: ReadableStreamDefaultController<number>;
    const source = wrap(
      new ReadableStream<number>({
        start(c) {
          controller = c;
        },
      }),
      'error-unread',
    );
    const row = () => streamRows().find((r) => r.label === 'error-unread')!;
    controller.error(new Error('boom'));
    await macrotask();
    assert.equal(row().state, 'active');
    source.getReader();
    await macrotask();
    assert.equal(row().state, 'errored');
  });

  test('pipeTo stopped by its signal with preventCancel: the chunk in flight is dropped, not written', async () => {
    const run = async (wrapped: boolean) => {
      const log: string[] = [];
      let i = 0;
      const source = new ReadableStream<number>(
        {
          pull(c) {
            if (++i > 5) c.close();
            else c.enqueue(i);
          },
        },
        { highWaterMark: 1 },
      );
      const rs = wrapped ? wrap(source, 'pipe-abort') : source;
      const controller = new AbortController();
      const piped = rs.pipeTo(
        new WritableStream({
          write: async (n) => {
            await macrotask();
            log.push(`wrote ${n}`);
            if (n === 2) controller.abort('pause');
          },
        }),
        { signal: controller.signal, preventCancel: true },
      );
      await piped.catch((reason) => log.push(`pipe ended ${String(reason)}`));
      log.push(`locked ${rs.locked}`);
      for await (const n of rs) log.push(`rest ${n}`);
      return log;
    };
    const raw = await run(false);
    const wrapped = await run(true);
    assert.deepEqual(raw, [
      'wrote 1',
      'wrote 2',
      'wrote 3',
      'pipe ended pause',
      'locked false',
      'rest 4',
      'rest 5',
    ]);
    assert.deepEqual(
      wrapped,
      raw.filter((line) => line !== 'wrote 3'),
    );
    const row = streamRows().find((r) => r.label === 'pipe-abort')!;
    assert.equal(row.yielded, 5, 'chunk 3 was taken from the source, so it is counted');
  });

  test('pipeThrough stopped by its signal with preventCancel leaves the source locked (raw unlocks it)', async () => {
    const run = async (wrapped: boolean) => {
      const source = ReadableStream.from([1, 2, 3]);
      const rs = wrapped ? wrap(source, 'through-abort') : source;
      const controller = new AbortController();
      const out = rs.pipeThrough(new TransformStream(), { signal: controller.signal, preventCancel: true });
      const reader = out.getReader();
      await reader.read();
      controller.abort('pause');
      await reader.read().catch(() => {});
      await macrotask();
      return rs.locked;
    };
    assert.equal(await run(false), false);
    assert.equal(await run(true), true);
  });
});

test('a reader taken before stream() is not seen: its reads are not counted (pinned deviation)', async () => {
  const source = ReadableStream.from([1, 2]);
  const early = source.getReader();
  assert.equal(wrap(source, 'early-reader'), source);
  assert.equal((await early.read()).value, 1);
  const row = streamRows().find((r) => r.label === 'early-reader')!;
  assert.equal(row.yielded, 0);
  early.releaseLock();
  const later = source.getReader();
  assert.equal((await later.read()).value, 2);
  assert.equal(streamRows().find((r) => r.label === 'early-reader')!.yielded, 1);
});
