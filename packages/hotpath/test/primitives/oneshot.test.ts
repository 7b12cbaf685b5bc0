import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ChannelClosedError, oneshot } from '../../src/primitives/index.ts';

describe('oneshot()', () => {
  test('delivers one value to the awaiting receiver', async () => {
    const [tx, rx] = oneshot<string>();
    setImmediate(() => tx.send('hi'));
    assert.equal(await rx, 'hi');
  });

  test('a value sent before anyone awaits is kept', async () => {
    const [tx, rx] = oneshot<number>();
    tx.send(1);
    assert.equal(await rx, 1);
    assert.equal(await rx, 1, 'awaiting again gives the same value');
  });

  test('a second send throws ChannelClosedError', () => {
    const [tx] = oneshot<number>();
    tx.send(1);
    assert.throws(
      () => tx.send(2),
      (error: Error) => error instanceof ChannelClosedError && /already sent/.test(error.message),
    );
  });

  test('sender closed without a value rejects the receiver', async () => {
    const [tx, rx] = oneshot<number>();
    const awaited = rx.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    tx.close();
    const error = await awaited;
    assert.ok(error instanceof ChannelClosedError);
    assert.match(error.message, /sender was closed without a value/);
  });

  test('sender closed after send still delivers', async () => {
    const [tx, rx] = oneshot<number>();
    tx.send(5);
    tx.close();
    assert.equal(await rx, 5);
  });

  test('receiver closed: send throws', () => {
    const [tx, rx] = oneshot<number>();
    rx.close();
    assert.throws(() => tx.send(1), /receiver was closed/);
  });

  test('closing a oneshot nobody awaits raises no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const [tx] = oneshot<number>();
      tx.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
