import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as polyfill from 'web-streams-polyfill';
import { monitorChannel } from '../../src/channels/detect.ts';
import { streamRows } from '../../src/registry/streams.ts';
import { monitorStream } from '../../src/streams/detect.ts';

let labels = 0;
const macrotask = () => new Promise((resolve) => setImmediate(resolve));
type Consume = (readable: polyfill.ReadableStream<number>, log: string[]) => Promise<void>;

/** A polyfill stream of 1, 2, 3 whose source logs each pull and a cancel. */
function numbers(log: string[]) {
  let n = 0;
  return new polyfill.ReadableStream<number>(
    {
      pull(controller) {
        log.push(`pull ${controller.desiredSize}`);
        if (++n > 3) controller.close();
        else controller.enqueue(n);
      },
      cancel: (reason) => void log.push(`cancel ${String(reason)}`),
    },
    { highWaterMark: 1 },
  );
}

/** Off and on (`stream()`), the same log; returns what the row counted. */
async function sameOffAndOn(consume: Consume): Promise<number> {
  const logs: string[][] = [];
  let yielded = -1;
  for (const on of [false, true]) {
    const log: string[] = [];
    const source = numbers(log);
    const label = `polyfill-${++labels}`;
    if (on) assert.equal(monitorStream(source, { label }, null), source, 'the same object back');
    await consume(source, log);
    await macrotask();
    log.push(`locked ${source.locked}`);
    logs.push(log);
    if (on) yielded = streamRows().find((row) => row.label === label)!.yielded;
  }
  assert.deepEqual(logs[1], logs[0]);
  return yielded;
}

describe('WHATWG streams of another implementation (web-streams-polyfill)', () => {
  test('stream() counts what for await reads from a polyfill ReadableStream, and changes nothing', async () => {
    const yielded = await sameOffAndOn(async (readable, log) => {
      for await (const n of readable) log.push(`item ${n}`);
    });
    assert.equal(yielded, 3);
  });

  test('stream() leaves a polyfill reader, break and pipeTo as they are (uncounted, see Accuracy)', async () => {
    const yielded = await sameOffAndOn(async (readable, log) => {
      const reader = readable.getReader();
      log.push(`read ${JSON.stringify(await reader.read())}`);
      reader.releaseLock();
      for await (const n of readable) {
        log.push(`item ${n}`);
        break;
      }
      await readable.cancel('late').then(
        () => log.push('cancelled'),
        (error: Error) => log.push(`cancel refused ${error.name}`),
      );
    });
    assert.equal(yielded, 1, 'the for await item; the reader read is not seen');
    const piped = await sameOffAndOn(async (readable, log) => {
      await readable.pipeTo(
        new polyfill.WritableStream<number>({ write: (n) => void log.push(`sink ${n}`) }),
      );
    });
    assert.equal(piped, 0, "a polyfill's own pipe reads through its internals");
  });

  test('channel() refuses a polyfill TransformStream with a TypeError saying why, and touches nothing', () => {
    for (const target of [
      new polyfill.TransformStream(),
      { readable: new polyfill.ReadableStream(), writable: new polyfill.WritableStream() },
    ]) {
      assert.throws(
        () => monitorChannel(target, { label: 'polyfill-pair' }, null),
        (error: Error) =>
          error instanceof TypeError &&
          /another implementation of WHATWG streams/.test(error.message) &&
          /stream\(\)/.test(error.message),
      );
      assert.deepEqual(Reflect.ownKeys(target.readable), Reflect.ownKeys(new polyfill.ReadableStream()));
      assert.equal(target.readable.locked, false);
    }
  });
});
