import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { streamRows } from '../../src/registry/streams.ts';
import { monitorStream } from '../../src/streams/detect.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';

const macrotask = () => new Promise((resolve) => setImmediate(resolve));
const wrap = <T>(source: T, label: string) => monitorStream(source, { label }, null) as T;
const row = (label: string) => {
  const found = streamRows().find((r) => r.label === label);
  assert.ok(found, `a row labelled ${label}`);
  return `${found.state} ${found.yielded}`;
};

/** Five numbers, one per pull; what the source saw is logged in `events`. */
function numbers(events: string[], count = 5) {
  let i = 0;
  return new ReadableStream<number>(
    {
      pull(c) {
        events.push(`pull ${c.desiredSize}`);
        if (++i > count) c.close();
        else c.enqueue(i);
      },
      cancel(reason) {
        events.push(`cancel ${String(reason)}`);
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * Runs `consume` on a raw source and on a wrapped one and returns both event logs (source events and
 * what `consume` logged, macrotask by macrotask) for comparison.
 */
async function both(label: string, consume: (rs: ReadableStream<number>, log: string[]) => Promise<void>) {
  const logs: string[][] = [];
  for (const wrapped of [false, true]) {
    const log: string[] = [];
    const source = numbers(log);
    await consume(wrapped ? wrap(source, label) : source, log);
    await macrotask();
    log.push(`locked ${source.locked}`);
    logs.push(log);
  }
  assert.deepEqual(logs[1], logs[0]);
  return logs[0]!;
}

describe('stream(readableStream) is the stream itself', () => {
  test('the same object back, unlocked, its own keys unchanged', () => {
    const source = new ReadableStream();
    assert.equal(wrap(source, 'same'), source);
    assert.equal(source.locked, false);
    assert.deepEqual(Object.keys(source), []);
    assert.equal(wrap(source, 'same'), source, 'wrapping twice is the same stream, counted once');
    assert.equal(streamRows().filter((r) => r.label === 'same').length, 1);
  });

  test('a subclass instance stays an instance of its class', () => {
    class Numbers extends ReadableStream<number> {
      kind = 'numbers';
    }
    const source = new Numbers();
    const wrapped = wrap(source, 'subclass');
    assert.equal(wrapped, source);
    assert.ok(wrapped instanceof Numbers);
    assert.equal(wrapped.kind, 'numbers');
  });
});

describe('each way of consuming counts exactly and behaves as raw', () => {
  test('reader.read() to the end', async () => {
    const log = await both('c-read', async (rs, log) => {
      const reader = rs.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        await macrotask();
        log.push(`got ${done} ${value}`);
        if (done) break;
      }
    });
    assert.ok(log.includes('got true undefined'));
    assert.equal(row('c-read'), 'closed 5');
  });

  test('reader.cancel() and stream.cancel()', async () => {
    await both('c-reader-cancel', async (rs, log) => {
      const reader = rs.getReader();
      const { value } = await reader.read();
      await macrotask();
      log.push(`got ${value}`);
      await reader.cancel('enough');
      log.push(`after cancel ${(await reader.read()).done}`);
    });
    assert.equal(row('c-reader-cancel'), 'cancelled 1');
    const log = await both('c-stream-cancel', async (rs) => {
      await rs.cancel('unread');
    });
    assert.ok(log.includes('cancel unread'));
    assert.equal(row('c-stream-cancel'), 'cancelled 0');
  });

  test('releaseLock() and a second reader go on counting the same row', async () => {
    await both('c-release', async (rs, log) => {
      const first = rs.getReader();
      const { value } = await first.read();
      await macrotask();
      log.push(`first ${value}`);
      first.releaseLock();
      const second = rs.getReader();
      for (let r = await second.read(); !r.done; r = await second.read()) {
        await macrotask();
        log.push(`second ${r.value}`);
      }
    });
    assert.equal(row('c-release'), 'closed 5');
  });

  test('for await to the end, and break (which cancels)', async () => {
    await both('c-for-await', async (rs, log) => {
      for await (const n of rs) log.push(`got ${n}`);
    });
    assert.equal(row('c-for-await'), 'closed 5');
    const log = await both('c-break', async (rs, log) => {
      for await (const n of rs) {
        log.push(`got ${n}`);
        if (n === 2) break;
      }
    });
    assert.ok(log.includes('cancel undefined'));
    assert.equal(row('c-break'), 'cancelled 2');
  });

  test('values({ preventCancel: true }): break leaves the stream readable, and the rest is counted too', async () => {
    const log = await both('c-prevent', async (rs, log) => {
      for await (const n of rs.values({ preventCancel: true })) {
        log.push(`first pass ${n}`);
        if (n === 2) break;
      }
      log.push(`locked between ${rs.locked}`);
      for await (const n of rs.values()) log.push(`second pass ${n}`);
    });
    assert.ok(!log.some((line) => line.startsWith('cancel')));
    assert.equal(row('c-prevent'), 'closed 5');
  });

  test('a throw in the loop body cancels with the same reason, as raw', async () => {
    const log = await both('c-throw', async (rs, log) => {
      try {
        for await (const n of rs) if (n === 3) throw new Error('stop');
      } catch (error) {
        log.push(`caught ${(error as Error).message}`);
      }
    });
    assert.ok(log.includes('caught stop'));
    assert.equal(row('c-throw'), 'cancelled 3');
  });

  test('an error from the source: for await and reader.read() both see it, the row is errored', async () => {
    const failing = () =>
      new ReadableStream<number>({
        start(c) {
          c.enqueue(1);
          c.error(new Error('boom'));
        },
      });
    const wrapped = wrap(failing(), 'c-error');
    await assert.rejects(async () => {
      for await (const _ of wrapped);
    }, /boom/);
    assert.equal(row('c-error'), 'errored 0');
    const reader = wrap(failing(), 'c-error-reader').getReader();
    await assert.rejects(reader.read(), /boom/);
    assert.equal(row('c-error-reader'), 'errored 0');
  });

  test('pipeTo: counted, and the source is unlocked again once the pipe ends', async () => {
    const log = await both('c-pipe', async (rs, log) => {
      await rs.pipeTo(
        new WritableStream({
          write: async (n) => {
            await macrotask();
            log.push(`wrote ${n}`);
          },
        }),
      );
    });
    assert.ok(log.includes('locked false'));
    assert.equal(row('c-pipe'), 'closed 5');
  });

  test('pipeThrough and tee count each chunk once', async () => {
    const through = wrap(numbers([]), 'c-through');
    const seen: number[] = [];
    for await (const n of through.pipeThrough(new TransformStream())) seen.push(n);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.equal(row('c-through'), 'closed 5');
    await both('c-tee', async (rs, log) => {
      const [a, b] = rs.tee();
      const collect = async (branch: ReadableStream<number>, name: string) => {
        for await (const n of branch) {
          await macrotask();
          log.push(`${name} ${n}`);
        }
      };
      await collect(a, 'a');
      await collect(b, 'b');
    });
    assert.equal(row('c-tee'), 'closed 5');
  });

  test('pipeThrough to the end, and cancelled from its output: the source ends unlocked, as raw', async () => {
    await both('c-through-end', async (rs, log) => {
      for await (const n of rs.pipeThrough(new TransformStream())) {
        await macrotask();
        log.push(`through ${n}`);
      }
    });
    assert.equal(row('c-through-end'), 'closed 5');
    const log = await both('c-through-cancel', async (rs, log) => {
      for await (const n of rs.pipeThrough(new TransformStream())) {
        await macrotask();
        log.push(`through ${n}`);
        if (n === 2) break;
      }
      await macrotask();
    });
    assert.ok(log.includes('cancel undefined'));
    assert.ok(log.includes('locked false'));
    assert.equal(row('c-through-cancel').split(' ')[0], 'cancelled');
  });

  test('a refused pipe (locked stream, bad transform) throws or rejects as raw and leaves the stream unlocked', async () => {
    const source = wrap(new ReadableStream(), 'c-refused');
    assert.throws(() => source.pipeThrough({} as never), TypeError);
    assert.equal(source.locked, false);
    const reader = source.getReader();
    await assert.rejects(source.pipeTo(new WritableStream()), TypeError);
    assert.throws(() => source.tee(), TypeError);
    reader.releaseLock();
    assert.equal(row('c-refused'), 'active 0');
  });

  test('byte stream: BYOB and default readers both count', async () => {
    const bytes = () => {
      let sent = 0;
      return new ReadableStream({
        type: 'bytes',
        pull(controller) {
          if (sent++ < 3) return controller.enqueue(new Uint8Array([sent]));
          controller.close();
          // A pending BYOB read settles as `done` only once its request is answered.
          controller.byobRequest?.respond(0);
        },
      });
    };
    const byob = wrap(bytes(), 'c-byob').getReader({ mode: 'byob' });
    const seen: number[] = [];
    for (let r = await byob.read(new Uint8Array(4)); !r.done; r = await byob.read(new Uint8Array(4))) {
      seen.push(...r.value);
    }
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(row('c-byob'), 'closed 3');
    const chunks: number[] = [];
    for await (const chunk of wrap(bytes(), 'c-bytes-iter')) chunks.push(...chunk);
    assert.deepEqual(chunks, [1, 2, 3]);
    assert.equal(row('c-bytes-iter'), 'closed 3');
  });
});

test('a stream dropped unfinished ends its row as cancelled once collected', async () => {
  const result = await runScript(scenarios('web-readable-gc.ts'), {
    HOTPATH: '1',
    HOTPATH_REPORT: 'off',
    NODE_OPTIONS: '--expose-gc',
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { state: 'cancelled', yielded: 1 });
});
