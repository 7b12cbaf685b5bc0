import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { Channel } from 'async-channel';
import { pushable } from 'it-pushable';
import { rowOf, tick, watch } from './watch.ts';

describe('push/next queues and emitters', () => {
  test('async-channel: same object back synchronously (it is thenable), same acceptance order', async () => {
    const run = async (wrap: boolean, label: string) => {
      const chan = new Channel<number>(1);
      const back = wrap ? watch(chan, label) : chan;
      assert.equal(back, chan);
      const trace: string[] = [];
      const pushes = [1, 2, 3].map((value) => chan.push(value).then(() => trace.push(`accepted ${value}`)));
      await tick();
      trace.push(`buffer ${chan.bufferSize}`);
      if (wrap) trace.push(`row ${rowOf(label).state} ${rowOf(label).queued}`);
      trace.push(`got ${await chan.get()}`);
      await tick();
      trace.push(`got ${await chan}`);
      await tick();
      trace.push(`got ${await chan.get()}`);
      await Promise.all(pushes);
      return trace;
    };
    const raw = await run(false, '');
    const wrapped = await run(true, 'async-channel-order');
    assert.deepEqual(
      wrapped.filter((line) => !line.startsWith('row')),
      raw,
    );
    assert.ok(wrapped.includes('row full 1'), wrapped.join(', '));
    const row = rowOf('async-channel-order');
    assert.deepEqual([row.sent, row.received, row.queued, row.capacity], [3, 3, 0, 1]);
  });

  test('it-pushable: a value handed to a waiting next() counts once; readableLength unchanged', async () => {
    const queue = watch(pushable<string>({ objectMode: true }), 'pushable-waiting');
    const next = queue.next();
    queue.push('a');
    assert.deepEqual(await next, { done: false, value: 'a' });
    queue.push('b');
    assert.equal(queue.readableLength, 1);
    assert.equal(rowOf('pushable-waiting').queued, 1);
    queue.return();
    assert.equal(rowOf('pushable-waiting').queued, 0, 'return() discards what was buffered');
    assert.deepEqual([rowOf('pushable-waiting').sent, rowOf('pushable-waiting').received], [2, 1]);
  });

  test('EventEmitter: emit return values and listener this are unchanged; a throwing listener still throws', () => {
    const emitter = watch(new EventEmitter(), 'emitter-unit');
    let self: unknown;
    emitter.on('a', function (this: unknown) {
      self = this;
    });
    assert.equal(emitter.emit('a'), true);
    assert.equal(self, emitter);
    assert.equal(emitter.emit('b'), false);
    let secondRan = false;
    emitter.on('c', () => {
      throw new Error('listener failed');
    });
    emitter.on('c', () => {
      secondRan = true;
    });
    assert.throws(() => emitter.emit('c'), /listener failed/);
    assert.equal(secondRan, false);
    // Documented: both listeners registered at the emit count as deliveries, though the second never ran.
    assert.equal(rowOf("emitter-unit 'c'").received, 2);
    assert.deepEqual([rowOf("emitter-unit 'a'").sent, rowOf("emitter-unit 'a'").received], [1, 1]);
    assert.equal(rowOf("emitter-unit 'b'").received, 0);
  });

  test('async-channel: clear() discards without counting; queued follows the buffer', async () => {
    const chan = watch(new Channel<number>(4), 'async-channel-clear');
    for (const value of [1, 2, 3]) chan.push(value);
    assert.equal(rowOf('async-channel-clear').queued, 3);
    assert.deepEqual(chan.clear().length, 3);
    const row = rowOf('async-channel-clear');
    assert.deepEqual([row.sent, row.received, row.queued], [3, 0, 0]);
  });
});
