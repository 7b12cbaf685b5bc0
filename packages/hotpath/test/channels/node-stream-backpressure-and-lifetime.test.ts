import assert from 'node:assert/strict';
import { PassThrough, Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, test } from 'node:test';
import { rowOf, tick, watch } from './watch.ts';

let labels = 0;
const fresh = () => `node-${++labels}`;

/** Writes until `write()` says stop, then reads one at a time: when does it say stop, when does 'drain' come? */
async function backpressureTrace(wrap: boolean) {
  const label = fresh();
  const stream = new PassThrough({ objectMode: true, highWaterMark: 4 });
  if (wrap) watch(stream, label);
  const trace: string[] = [];
  stream.on('drain', () => trace.push('drain'));
  let falseAt = -1;
  for (let call = 1; call <= 20 && falseAt < 0; call++) if (!stream.write(call)) falseAt = call;
  trace.push(`false at ${falseAt}`);
  const states: string[] = [];
  if (wrap) states.push(`${rowOf(label).state} ${rowOf(label).queued}`);
  for (let i = 0; i < falseAt; i++) {
    trace.push(`read ${stream.read()}`);
    await tick();
    if (wrap) states.push(`${rowOf(label).state} ${rowOf(label).queued}`);
  }
  return { trace, states };
}

describe('Node streams: exactness', () => {
  test('PassThrough(objectMode, hwm 4): write() returns false at the same call, drain at the same point', async () => {
    const raw = await backpressureTrace(false);
    const wrapped = await backpressureTrace(true);
    assert.deepEqual(wrapped.trace, raw.trace);
    assert.equal(raw.trace[0], 'false at 7');
    assert.ok(raw.trace.includes('drain'));
    // Full exactly while the stream signals backpressure; the queue is what it holds.
    // 'drain' is emitted inside the 4th read(): full (with the exact queue) up to it, active from it on.
    assert.deepEqual(raw.trace.slice(3, 6), ['read 3', 'drain', 'read 4']);
    assert.deepEqual(wrapped.states, [
      'full 7',
      'full 6',
      'full 5',
      'full 4',
      'active 3',
      'active 2',
      'active 1',
      'active 0',
    ]);
  });

  test('a paused stream stays paused: no data listener, no flowing, nothing consumed', async () => {
    const label = fresh();
    const stream = Readable.from([1, 2, 3]);
    watch(stream, label);
    await tick();
    assert.equal(stream.readableFlowing, null);
    assert.equal(stream.listenerCount('data'), 0);
    assert.deepEqual(stream.eventNames(), []);
    assert.deepEqual(Object.keys(stream), Object.keys(Readable.from([1])), 'no enumerable additions');
    assert.equal(rowOf(label).received, 0);
    assert.deepEqual(await stream.toArray(), [1, 2, 3]);
    assert.equal(rowOf(label).received, 3);
  });

  test('byte mode: queued counts chunks and queuedBytes the exact bytes the stream holds', () => {
    const label = fresh();
    const stream = watch(new Writable({ highWaterMark: 10, write() {} }), label);
    assert.equal(stream.write('abc'), true);
    assert.equal(stream.write(Buffer.alloc(6)), true);
    assert.equal(stream.write('z'), false);
    const row = rowOf(label);
    assert.deepEqual([row.queued, row.queuedBytes, row.state, row.capacity], [3, 10, 'full', 10]);
    assert.equal(row.queuedBytes, stream.writableLength);
  });

  test('a Writable counts a receive when its sink completes a write, including batched writev', async () => {
    const label = fresh();
    const done: (() => void)[] = [];
    const sink = watch(
      new Writable({
        objectMode: true,
        write(_chunk, _encoding, callback) {
          done.push(callback);
        },
        writev(chunks, callback) {
          done.push(() => callback());
          assert.equal(chunks.length, 3);
        },
      }),
      label,
    );
    for (let i = 0; i < 4; i++) sink.write(i);
    assert.deepEqual([rowOf(label).sent, rowOf(label).received, rowOf(label).queued], [4, 0, 4]);
    done.shift()!();
    await tick();
    done.shift()!();
    await tick();
    assert.deepEqual([rowOf(label).received, rowOf(label).queued], [4, 0]);
    sink.end();
    await tick();
    assert.equal(rowOf(label).state, 'closed');
  });

  test('pipeline() completes and fails identically; destroy ends the row in the right state', async () => {
    const run = async (wrap: boolean) => {
      const seen: unknown[] = [];
      const failing = new Transform({
        objectMode: true,
        transform(chunk, _encoding, callback) {
          if (chunk === 4) callback(new Error('four'));
          else callback(null, chunk);
        },
      });
      const sink = new Writable({
        objectMode: true,
        write(chunk, _encoding, callback) {
          seen.push(chunk);
          callback();
        },
      });
      const label = fresh();
      if (wrap) watch(failing, label);
      const outcome = await pipeline(Readable.from([1, 2, 3, 4, 5]), failing, sink).then(
        () => 'ok',
        (error: Error) => error.message,
      );
      return { seen, outcome, destroyed: [failing.destroyed, sink.destroyed], label };
    };
    const raw = await run(false);
    const wrapped = await run(true);
    assert.deepEqual({ ...wrapped, label: '' }, { ...raw, label: '' });
    assert.equal(raw.outcome, 'four');
    assert.equal(rowOf(wrapped.label).state, 'errored');

    const closed = fresh();
    const stream = watch(new PassThrough(), closed);
    stream.destroy();
    await tick();
    assert.equal(rowOf(closed).state, 'closed');
  });

  test("an 'error' nobody listens for still throws", () => {
    const label = fresh();
    const stream = watch(new PassThrough(), label);
    assert.throws(() => stream.emit('error', new Error('nobody listens')), /nobody listens/);
    assert.equal(rowOf(label).state, 'errored');
  });

  test('a stream that had already closed or failed is wrapped in that state', async () => {
    const closed = new PassThrough();
    closed.destroy();
    const failed = new PassThrough();
    failed.on('error', () => {});
    failed.destroy(new Error('earlier'));
    await tick();
    watch(closed, 'already-closed');
    watch(failed, 'already-failed');
    assert.equal(rowOf('already-closed').state, 'closed');
    assert.equal(rowOf('already-failed').state, 'errored');
  });
});
