import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bounded, ChannelClosedError, unbounded } from '../../src/primitives/index.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('bounded(capacity)', () => {
  for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
    test(`rejects capacity ${String(bad)} with a RangeError naming the argument`, () => {
      assert.throws(
        () => bounded(bad),
        (error: Error) => {
          assert.ok(error instanceof RangeError);
          assert.match(error.message, /capacity must be an integer >= 1/);
          return true;
        },
      );
    });
  }

  test('capacity 1 holds exactly one value', () => {
    const [tx, rx] = bounded<number>(1);
    assert.equal(tx.trySend(1), true);
    assert.equal(tx.trySend(2), false);
    assert.equal(rx.tryRecv(), 1);
    assert.equal(tx.trySend(3), true);
  });

  test('trySend on full returns false and does not enqueue', () => {
    const [tx, rx] = bounded<number>(2);
    assert.equal(tx.trySend(1), true);
    assert.equal(tx.trySend(2), true);
    assert.equal(tx.trySend(3), false);
    assert.equal(rx.tryRecv(), 1);
    assert.equal(rx.tryRecv(), 2);
    assert.equal(rx.tryRecv(), undefined);
  });

  test('waiting senders resume in FIFO order as room frees', async () => {
    const [tx, rx] = bounded<number>(1);
    const resumed: number[] = [];
    await tx.send(0);
    const sends = [1, 2, 3, 4].map((n) => tx.send(n).then(() => resumed.push(n)));
    await tick();
    assert.deepEqual(resumed, []);
    const got: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++) got.push(await rx.recv());
    await Promise.all(sends);
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
    assert.deepEqual(resumed, [1, 2, 3, 4]);
  });

  test('trySend does not overtake waiting senders', async () => {
    const [tx, rx] = bounded<string>(1);
    tx.trySend('a');
    const waiting = tx.send('b');
    assert.equal(rx.tryRecv(), 'a');
    // 'b' moved into the freed slot, so the channel is full again
    assert.equal(tx.trySend('c'), false);
    await waiting;
    assert.equal(await rx.recv(), 'b');
  });

  test('a send into a waiting receiver is handed over directly', async () => {
    const [tx, rx] = bounded<number>(1);
    const pending = rx.recv();
    assert.equal(tx.trySend(7), true);
    assert.equal(tx.trySend(8), true, 'the buffer is still empty after the hand-over');
    assert.equal(await pending, 7);
  });

  test('undefined is a value like any other', async () => {
    const [tx, rx] = bounded<undefined | number>(2);
    await tx.send(undefined);
    await tx.send(1);
    tx.close();
    const got: (undefined | number)[] = [];
    for await (const value of rx) got.push(value);
    assert.deepEqual(got, [undefined, 1]);
  });
});

describe('closing', () => {
  test('sender close lets the receiver drain, then recv gives undefined', async () => {
    const [tx, rx] = bounded<number>(3);
    await tx.send(1);
    await tx.send(2);
    tx.close();
    assert.equal(await rx.recv(), 1);
    assert.equal(await rx.recv(), 2);
    assert.equal(await rx.recv(), undefined);
    assert.equal(await rx.recv(), undefined);
  });

  test('send and trySend after the sender closed fail with ChannelClosedError', async () => {
    const [tx] = unbounded<number>();
    tx.close();
    await assert.rejects(tx.send(1), ChannelClosedError);
    assert.throws(() => tx.trySend(1), ChannelClosedError);
    assert.equal(tx.closed, true);
  });

  test('waiting receivers get undefined when the sender closes', async () => {
    const [tx, rx] = bounded<number>(1);
    const a = rx.recv();
    const b = rx.recv();
    tx.close();
    assert.deepEqual(await Promise.all([a, b]), [undefined, undefined]);
  });

  test('sends already waiting when the sender closes are still delivered', async () => {
    const [tx, rx] = bounded<number>(1);
    await tx.send(1);
    const waiting = tx.send(2);
    tx.close();
    assert.equal(await rx.recv(), 1);
    await waiting;
    assert.equal(await rx.recv(), 2);
    assert.equal(await rx.recv(), undefined);
  });

  test('receiver close rejects waiting senders and every later send at once', async () => {
    const [tx, rx] = bounded<number>(1);
    await tx.send(1);
    const waiting = [tx.send(2), tx.send(3)];
    rx.close();
    for (const send of waiting) await assert.rejects(send, /receiver was closed/);
    await assert.rejects(tx.send(4), ChannelClosedError);
    assert.throws(() => tx.trySend(5), ChannelClosedError);
    assert.equal(rx.tryRecv(), 1, 'what was buffered can still be received');
    assert.equal(await rx.recv(), undefined);
  });

  test('receiver close wakes waiting receivers with undefined', async () => {
    const [, rx] = unbounded<number>();
    const pending = rx.recv();
    rx.close();
    assert.equal(await pending, undefined);
  });
});

describe('async iteration', () => {
  test('yields every value in order and ends when closed and drained', async () => {
    const [tx, rx] = unbounded<number>();
    const produce = (async () => {
      for (let i = 0; i < 5; i++) await tx.send(i);
      tx.close();
    })();
    const got: number[] = [];
    for await (const value of rx) got.push(value);
    await produce;
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
  });

  test('break stops cleanly and leaves the rest in the channel', async () => {
    const [tx, rx] = unbounded<number>();
    for (let i = 0; i < 5; i++) tx.trySend(i);
    const got: number[] = [];
    for await (const value of rx) {
      got.push(value);
      if (value === 1) break;
    }
    assert.deepEqual(got, [0, 1]);
    assert.equal(await rx.recv(), 2);
    assert.equal(tx.trySend(9), true, 'break does not close the channel');
  });
});
