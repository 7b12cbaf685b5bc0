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
  test('the source is locked by the wrapper: read the stream stream() returned', () => {
    const source = new ReadableStream();
    const wrapped = wrap(source, 'locked');
    assert.notEqual(wrapped, source);
    assert.equal(source.locked, true);
    assert.equal(wrapped.locked, false);
  });

  test('a read settles a few microtasks later than on the source itself', async () => {
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
    assert.ok(wrapped > raw, `wrapped ${wrapped} ticks, raw ${raw}`);
    assert.ok(wrapped - raw <= 4, `wrapped ${wrapped} ticks, raw ${raw}`);
  });
});
