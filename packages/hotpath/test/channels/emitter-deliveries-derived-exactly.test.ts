import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { monitorChannel } from '../../src/channels/detect.ts';
import { rowOf, watch } from './watch.ts';

/**
 * An EventEmitter's deliveries are derived (emits times the listeners registered at each emit, taken
 * when listeners change): these pin that `received` equals the listeners present at every emit, at
 * every read of the row, whatever comes and goes in between.
 */
describe('EventEmitter deliveries, derived from listener changes', () => {
  /** A small seeded generator, so that a failure replays. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  test('a random mix of on/once/prepend/off/removeAll and emits: exact at every read', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const label = `emitter-random-${seed}`;
      const emitter = watch(new EventEmitter(), label);
      const added: (() => void)[] = [];
      let emits = 0;
      let expected = 0;
      for (let step = 0; step < 400; step++) {
        const choice = Math.floor(next() * 9);
        if (choice === 0) {
          const listener = () => {};
          added.push(listener);
          emitter.on('x', listener);
        } else if (choice === 1) {
          emitter.once('x', () => {});
        } else if (choice === 2) {
          const listener = () => {};
          added.push(listener);
          emitter.prependListener('x', listener);
        } else if (choice === 3) {
          emitter.prependOnceListener('x', () => {});
        } else if (choice === 4 && added.length > 0) {
          emitter.off('x', added.splice(Math.floor(next() * added.length), 1)[0]!);
        } else if (choice === 5 && next() < 0.2) {
          emitter.removeAllListeners(next() < 0.5 ? 'x' : undefined);
          added.length = 0;
        } else {
          expected += emitter.listenerCount('x');
          emits++;
          emitter.emit('x', step);
        }
        // Read now and then, not at every step: a read recounts listeners, which would hide a missed change.
        if (emits > 0 && (next() < 0.1 || step === 399)) {
          const row = rowOf(`${label} 'x'`);
          assert.deepEqual([row.sent, row.received], [emits, expected], `seed ${seed}, step ${step}`);
        }
      }
    }
  });

  test('listeners that add and remove listeners inside the emit: the ones registered at its start count', () => {
    const emitter = watch(new EventEmitter(), 'emitter-reentrant');
    const reads: number[] = [];
    const late = () => {};
    emitter.on('x', function first() {
      emitter.off('x', first);
      emitter.on('x', late);
      // Read from inside the emit: this emit and its two listeners already count.
      reads.push(rowOf("emitter-reentrant 'x'").received);
    });
    emitter.on('x', () => {});
    emitter.emit('x');
    assert.deepEqual(reads, [2]);
    // Now `late` and the second listener.
    emitter.emit('x');
    assert.deepEqual([rowOf("emitter-reentrant 'x'").sent, rowOf("emitter-reentrant 'x'").received], [2, 4]);
  });

  test('an emit that adds a listener from a newListener listener, and an error nobody hears', () => {
    const emitter = watch(new EventEmitter(), 'emitter-meta');
    emitter.on('newListener', (name) => {
      if (name === 'y') emitter.emit('x');
    });
    emitter.on('x', () => {});
    // 'newListener' fires before the listener is added: that emit of 'x' had one listener.
    emitter.on('y', () => {});
    emitter.emit('x');
    assert.throws(() => emitter.emit('error', new Error('nobody listens')), /nobody listens/);
    assert.deepEqual([rowOf("emitter-meta 'x'").sent, rowOf("emitter-meta 'x'").received], [2, 2]);
    assert.deepEqual([rowOf("emitter-meta 'error'").sent, rowOf("emitter-meta 'error'").received], [1, 0]);
    assert.deepEqual(
      [rowOf("emitter-meta 'newListener'").sent, rowOf("emitter-meta 'newListener'").received],
      [2, 2],
    );
  });

  test('a listener added behind the methods (prototype call) counts from the next read of the row', () => {
    const emitter = watch(new EventEmitter(), 'emitter-bypass');
    emitter.on('x', () => {});
    emitter.emit('x');
    EventEmitter.prototype.on.call(emitter, 'x', () => {});
    emitter.emit('x');
    // Documented: 3 deliveries happened, the unseen listener's first is missed until the row is read.
    assert.equal(rowOf("emitter-bypass 'x'").received, 2);
    emitter.emit('x');
    assert.equal(rowOf("emitter-bypass 'x'").received, 4, 'counted from that read on');
  });

  test('with log, every delivery is counted at the emit, as before', () => {
    const emitter = monitorLogged(new EventEmitter(), 'emitter-logged');
    emitter.on('x', () => {});
    emitter.on('x', () => {});
    emitter.emit('x', 1);
    EventEmitter.prototype.on.call(emitter, 'x', () => {});
    emitter.emit('x', 2);
    assert.deepEqual([rowOf("emitter-logged 'x'").sent, rowOf("emitter-logged 'x'").received], [2, 5]);
  });
});

function monitorLogged<T>(target: T, label: string): T {
  return monitorChannel(target, { label, log: true }, null) as T;
}
