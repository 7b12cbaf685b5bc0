import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rowOf, tick, watch } from './watch.ts';

let labels = 0;
const fresh = () => `web-${++labels}`;

async function resolvesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {},
  );
  for (let i = 0; i < 5; i++) await tick();
  return settled;
}

/** A producer that writes while `ready` resolves: how many writes get in, and when does ready come back? */
async function producerTrace(wrap: boolean) {
  const label = fresh();
  let stream = new TransformStream<number, number>({}, { highWaterMark: 3 }, { highWaterMark: 2 });
  if (wrap) stream = watch(stream, label);
  const writer = stream.writable.getWriter();
  let accepted = 0;
  while (accepted < 20 && (await resolvesSoon(writer.ready))) writer.write(accepted++);
  const reader = stream.readable.getReader();
  const trace: unknown[] = [accepted];
  const states: string[] = [];
  if (wrap) states.push(`${rowOf(label).state} ${rowOf(label).queued}`);
  for (let i = 0; i < 3; i++) {
    trace.push(await reader.read());
    trace.push(await resolvesSoon(writer.ready));
    if (wrap) states.push(`${rowOf(label).state} ${rowOf(label).queued}`);
  }
  return { trace, states };
}

describe('WHATWG streams: exactness', () => {
  test('TransformStream(hwm 3 / 2): exactly 5 writes accepted before ready stops resolving, wrapped or not', async () => {
    const raw = await producerTrace(false);
    const wrapped = await producerTrace(true);
    assert.deepEqual(wrapped.trace, raw.trace);
    assert.equal(raw.trace[0], 5);
    assert.equal(raw.trace[2], true, 'ready resolves again after one read');
    assert.deepEqual(wrapped.states, ['full 5', 'active 4', 'active 3', 'active 2']);
  });

  test('the same object comes back, nothing locked; a pair keeps its shape', () => {
    const original = new TransformStream();
    const { readable, writable } = original;
    const wrapped = watch(original, fresh());
    assert.equal(wrapped, original);
    assert.equal(wrapped.readable, readable);
    assert.equal(wrapped.writable, writable);
    assert.equal(readable.locked, false);
    assert.equal(writable.locked, false);
    assert.deepEqual(
      Object.keys(readable),
      Object.keys(new TransformStream().readable),
      'counting adds no keys',
    );
    assert.equal(watch(original, 'again'), wrapped, 'the same target twice is counted once');

    const inner = new TransformStream();
    const pair = { readable: inner.readable, writable: inner.writable, name: 'kept' };
    const wrappedPair = watch(pair, fresh());
    assert.equal(wrappedPair, pair);
    assert.deepEqual(Object.keys(wrappedPair).sort(), ['name', 'readable', 'writable']);
  });

  test('a locked readable is refused with a TypeError that says why and what to do; a held writable is fine', async () => {
    const stream = new TransformStream();
    stream.readable.getReader();
    assert.throws(() => watch(stream, fresh()), {
      name: 'TypeError',
      message: /readable side is locked.*before getReader\(\)/,
    });
    const label = fresh();
    const written = new TransformStream();
    const writer = written.writable.getWriter();
    watch(written, label);
    writer.write('counted through a writer taken before channel()');
    const read = await written.readable.getReader().read();
    assert.equal(read.done, false);
    assert.deepEqual([rowOf(label).sent, rowOf(label).received], [1, 1]);
  });

  test('pipes into and out of it count every chunk and deliver the same as unwrapped', async () => {
    const run = async (wrap: boolean) => {
      const label = fresh();
      const source = new ReadableStream<number>({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(i);
          controller.close();
        },
      });
      let middle = new TransformStream<number, number>({
        transform: (chunk, controller) => controller.enqueue(chunk * 10),
      });
      if (wrap) middle = watch(middle, label);
      const [left, right] = source.pipeThrough(middle).tee();
      const seen: number[] = [];
      await Promise.all([
        left.pipeTo(new WritableStream({ write: (chunk) => void seen.push(chunk) })),
        right.pipeTo(new WritableStream({ write: (chunk) => void seen.push(-chunk) })),
      ]);
      await tick();
      return { seen, row: wrap ? rowOf(label) : null };
    };
    const raw = await run(false);
    const wrapped = await run(true);
    assert.deepEqual(wrapped.seen, raw.seen);
    assert.deepEqual(
      [wrapped.row!.sent, wrapped.row!.received, wrapped.row!.queued, wrapped.row!.state],
      [5, 5, 0, 'closed'],
    );
  });

  test('pipeTo counts at its destination only while the pipe runs; a failing destination cancels as unwrapped', async () => {
    const run = async (wrap: boolean) => {
      const labels = [fresh(), fresh()];
      const trace: string[] = [];
      let first = new TransformStream<number, number>();
      if (wrap) first = watch(first, labels[0]!);
      const sink = new WritableStream<number>({ write: (chunk) => void trace.push(`sink ${chunk}`) });
      const writer = first.writable.getWriter();
      writer.write(1);
      writer.write(2);
      writer.close();
      await first.readable.pipeTo(sink, { preventClose: true });
      const late = sink.getWriter();
      await late.write(3);
      trace.push(`sent/received ${wrap ? `${rowOf(labels[0]!).sent}/${rowOf(labels[0]!).received}` : '2/2'}`);

      let second = new TransformStream<number, number>();
      if (wrap) second = watch(second, labels[1]!);
      const failing = new WritableStream<number>({
        write() {
          throw new Error('sink failed');
        },
      });
      const secondWriter = second.writable.getWriter();
      secondWriter.write(1).catch((error) => trace.push(`write ${error}`));
      await second.readable.pipeTo(failing).catch((error) => trace.push(`pipe ${error}`));
      await tick();
      return { trace, states: wrap ? labels.map((label) => rowOf(label).state) : null };
    };
    const raw = await run(false);
    const wrapped = await run(true);
    assert.deepEqual(wrapped.trace, raw.trace);
    assert.ok(raw.trace.includes('pipe Error: sink failed'));
    assert.deepEqual(wrapped.states, ['closed', 'closed'], 'a cancel by the pipe is not a failure');
  });

  test('errors, cancel and abort reach the other side exactly as unwrapped', async () => {
    const run = async (wrap: boolean) => {
      const trace: string[] = [];
      const note = (what: string) => (value: unknown) => trace.push(`${what} ${String(value)}`);
      const make = () => new TransformStream<number, number>();
      const wrapIf = (stream: TransformStream<number, number>, label: string) =>
        wrap ? watch(stream, label) : stream;
      const labels = [fresh(), fresh(), fresh()];

      const cancelled = wrapIf(make(), labels[0]!);
      const writer = cancelled.writable.getWriter();
      writer.closed.catch(note('closed after cancel'));
      await cancelled.readable.cancel('enough');
      await writer.write(1).catch(note('write after cancel'));

      const aborted = wrapIf(make(), labels[1]!);
      const reader = aborted.readable.getReader();
      const read = reader.read().catch(note('read after abort'));
      await aborted.writable.abort('stop');
      await read;

      const failing = wrapIf(
        new TransformStream<number, number>({
          flush() {
            throw new Error('flush failed');
          },
        }),
        labels[2]!,
      );
      const failingReader = failing.readable.getReader();
      const closing = failing.writable.close().catch(note('close'));
      await failingReader.read().catch(note('read'));
      await closing;
      await tick();
      return { trace, labels };
    };
    const raw = await run(false);
    const wrapped = await run(true);
    assert.deepEqual(wrapped.trace, raw.trace);
    assert.ok(raw.trace.includes('read Error: flush failed'));
    assert.deepEqual(
      wrapped.labels.map((label) => rowOf(label).state),
      ['closed', 'errored', 'errored'],
    );
  });

  test('documented: a write the stream refuses after close() still counts as sent', async () => {
    const label = fresh();
    const stream = watch(new TransformStream(), label);
    const writer = stream.writable.getWriter();
    const closing = writer.close();
    await assert.rejects(writer.write('late'), TypeError);
    assert.equal(rowOf(label).sent, 1);
    await stream.readable.getReader().read();
    await closing;
  });

  test('documented: once transferred, its writes still count but its reads no longer do', async () => {
    const label = fresh();
    const wrapped = watch(new TransformStream<number, number>(), label);
    const moved = structuredClone(wrapped, { transfer: [wrapped as never] });
    const writer = moved.writable.getWriter();
    const reader = moved.readable.getReader();
    writer.write(1);
    writer.close();
    assert.deepEqual(await reader.read(), { value: 1, done: false });
    assert.equal((await reader.read()).done, true);
    assert.deepEqual([rowOf(label).sent, rowOf(label).received], [1, 0]);
  });
});
