import assert from 'node:assert/strict';
import { once } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, test } from 'node:test';
import { rowOf, tick, watch } from './watch.ts';

/**
 * An object-mode Readable, Writable or PassThrough counts only its deliveries; its sends are derived
 * from the deliveries and its own buffers. These pin that the row is exact at every read: mid-flow,
 * inside a delivery, with cork and unshift, after destroy and after an error.
 */
describe('Node streams: sends derived from the buffers, exact at every read', () => {
  let labels = 0;
  const fresh = () => `derived-${++labels}`;
  const counts = (label: string) => {
    const row = rowOf(label);
    return { sent: row.sent, received: row.received, queued: row.queued };
  };
  /** A small seeded generator, so that a failure replays. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  test('PassThrough, random writes, reads, cork/uncork and unshift: exact wherever the row is read', () => {
    for (const seed of [11, 12, 13, 14]) {
      const next = random(seed);
      const label = fresh();
      const stream = watch(new PassThrough({ objectMode: true, highWaterMark: 4 }), label);
      let sent = 0;
      let received = 0;
      let givenBack = 0;
      let corked = 0;
      for (let step = 0; step < 500; step++) {
        const choice = next();
        if (choice < 0.45) {
          stream.write(step);
          sent++;
        } else if (choice < 0.85) {
          if (stream.read() !== null) received++;
        } else if (choice < 0.9) {
          stream.cork();
          corked++;
        } else if (choice < 0.95 && corked > 0) {
          stream.uncork();
          corked--;
        } else if (received > 0) {
          stream.unshift('again');
          givenBack++;
        }
        // Read now and then: every read of the row must agree with what the program did.
        if (next() < 0.2) {
          assert.deepEqual(
            counts(label),
            { sent, received, queued: sent + givenBack - received },
            `seed ${seed}, step ${step}`,
          );
        }
      }
      while (corked-- > 0) stream.uncork();
      while (stream.read() !== null) received++;
      assert.deepEqual(counts(label), { sent, received, queued: 0 });
      assert.equal(received, sent + givenBack, 'each unshifted chunk is delivered (and counted) again');
    }
  });

  test('flowing: read from inside a delivery, the message being delivered is sent and received, not queued', async () => {
    const label = fresh();
    const stream = watch(new PassThrough({ objectMode: true, highWaterMark: 2 }), label);
    const seen: { sent: number; received: number; queued: number }[] = [];
    stream.on('data', () => seen.push(counts(label)));
    for (let i = 0; i < 3; i++) stream.write(i);
    await tick();
    assert.deepEqual(seen, [
      { sent: 1, received: 1, queued: 0 },
      { sent: 2, received: 2, queued: 0 },
      { sent: 3, received: 3, queued: 0 },
    ]);
  });

  test('flowing with backpressure (hwm 1024, awaiting drain): exact after every drain and at the end', async () => {
    const label = fresh();
    const stream = watch(new PassThrough({ objectMode: true, highWaterMark: 16 }), label);
    let received = 0;
    stream.on('data', () => {
      received++;
    });
    stream.pause();
    let sent = 0;
    for (let i = 0; i < 200; i++) {
      sent++;
      if (!stream.write(i)) {
        assert.deepEqual(counts(label), { sent, received, queued: sent - received });
        stream.resume();
        await once(stream, 'drain');
        stream.pause();
      }
    }
    stream.resume();
    stream.end();
    await once(stream, 'end');
    assert.deepEqual(counts(label), { sent: 200, received: 200, queued: 0 });
  });

  test('destroy with chunks in both buffers, or corked: every write stays counted as sent', async () => {
    // No row is read before the destroy: the count cannot come from an earlier read.
    const label = fresh();
    const stream = watch(new PassThrough({ objectMode: true, highWaterMark: 2 }), label);
    for (let i = 0; i < 6; i++) stream.write(i);
    stream.read();
    stream.destroy();
    await tick();
    assert.deepEqual([rowOf(label).sent, rowOf(label).received, rowOf(label).state], [6, 1, 'closed']);
    assert.equal(stream.write('late'), false, 'refused after destroy');
    assert.equal(rowOf(label).sent, 6, 'a refused write is not a send');

    const corked = fresh();
    const held = watch(new PassThrough({ objectMode: true }), corked);
    held.cork();
    for (let i = 0; i < 3; i++) held.write(i);
    held.destroy();
    await tick();
    // Node drops corked writes a tick after destroy(): the count was taken before.
    assert.equal(held.writableLength, 0);
    assert.deepEqual([rowOf(corked).sent, rowOf(corked).received, rowOf(corked).queued], [3, 0, 0]);
  });

  test('destroy(error) and a failing Writable: what was sent before the error stays counted', async () => {
    const label = fresh();
    const stream = watch(new PassThrough({ objectMode: true, highWaterMark: 2 }), label);
    stream.on('error', () => {});
    for (let i = 0; i < 5; i++) stream.write(i);
    stream.destroy(new Error('stop'));
    await tick();
    assert.deepEqual([rowOf(label).sent, rowOf(label).received, rowOf(label).state], [5, 0, 'errored']);

    const failing = fresh();
    const callbacks: ((error?: Error) => void)[] = [];
    const sink = watch(
      new Writable({
        objectMode: true,
        write(_chunk, _encoding, callback) {
          callbacks.push(callback);
        },
      }),
      failing,
    );
    sink.on('error', () => {});
    for (let i = 0; i < 4; i++) sink.write(i);
    callbacks.shift()!();
    await tick();
    // The failed write and the two behind it are dropped by Node; all four were sent.
    callbacks.shift()!(new Error('disk full'));
    await tick();
    assert.equal(sink.writableLength, 0);
    const row = rowOf(failing);
    assert.deepEqual([row.sent, row.received, row.state], [4, 1, 'errored']);
  });

  test('a Readable with push and unshift, paused then flowing: exact at each step', async () => {
    const label = fresh();
    const source = watch(new Readable({ objectMode: true, read() {} }), label);
    source.push('a');
    source.push('b');
    assert.deepEqual(counts(label), { sent: 2, received: 0, queued: 2 });
    const first = source.read();
    source.unshift(first);
    assert.deepEqual(counts(label), { sent: 2, received: 1, queued: 2 });
    const got: unknown[] = [];
    source.on('data', (chunk) => got.push(chunk));
    await tick();
    source.push('c');
    source.push(null);
    await once(source, 'end');
    assert.deepEqual(got, ['a', 'b', 'c']);
    assert.deepEqual(counts(label), { sent: 3, received: 4, queued: 0 });
  });

  test('pipeline through a PassThrough: totals exact, delays timed', async () => {
    const label = fresh();
    const items = Array.from({ length: 3000 }, (_, i) => i);
    const sink = new Writable({ objectMode: true, write: (_chunk, _encoding, callback) => callback() });
    await pipeline(Readable.from(items), watch(new PassThrough({ objectMode: true }), label), sink);
    const row = rowOf(label);
    assert.deepEqual([row.sent, row.received, row.queued, row.state], [3000, 3000, 0, 'closed']);
    // Sends are timed one at a time: about every other message up to the 64th, then one in 256.
    assert.ok(row.delay !== null && row.delay.samples >= 30, `delay samples: ${row.delay?.samples}`);
    assert.ok(row.delay.p50Ms >= 0);
  });
});
