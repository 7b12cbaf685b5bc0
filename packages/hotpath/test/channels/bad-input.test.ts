import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { rowOf, watch } from './watch.ts';

describe('channel(): bad input and repeated wraps', () => {
  test('an unsupported object is a TypeError listing every accepted kind', () => {
    for (const value of [{}, [1, 2], 42, null, () => {}, new Map(), Promise.resolve()]) {
      assert.throws(
        () => watch(value, 'bad'),
        (error: Error) => {
          assert.equal(error.name, 'TypeError');
          for (const kind of [
            'hotpath/channels',
            'Node stream',
            'TransformStream',
            'MessageChannel, MessagePort or BroadcastChannel',
            'it-pushable or async-channel',
            'EventEmitter',
          ]) {
            assert.ok(error.message.includes(kind), `${error.message} lacks ${kind}`);
          }
          return true;
        },
      );
    }
  });

  test('wrapping the same object twice counts it once', () => {
    const stream = new PassThrough({ objectMode: true });
    assert.equal(watch(stream, 'twice'), stream);
    assert.equal(watch(stream, 'twice-again'), stream);
    stream.write(1);
    assert.equal(rowOf('twice').sent, 1);
    assert.throws(() => rowOf('twice-again'));

    const emitter = new EventEmitter();
    watch(emitter, 'emitter-twice');
    watch(emitter, 'emitter-twice');
    emitter.on('x', () => {});
    emitter.emit('x');
    assert.deepEqual([rowOf("emitter-twice 'x'").sent, rowOf("emitter-twice 'x'").received], [1, 1]);
  });

  test('the wrapped object keeps its enumerable keys and prototype', () => {
    const stream = new PassThrough();
    const before = Object.keys(stream);
    watch(stream, 'keys');
    assert.deepEqual(Object.keys(stream), before);
    assert.equal(Object.getPrototypeOf(stream), PassThrough.prototype);
  });
});
