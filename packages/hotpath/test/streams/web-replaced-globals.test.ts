import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { monitorChannel } from '../../src/channels/detect.ts';
import { channelRegistry } from '../../src/registry/channels.ts';
import { streamRows } from '../../src/registry/streams.ts';
import { monitorStream } from '../../src/streams/detect.ts';

const OriginalReadableStream = globalThis.ReadableStream;
const OriginalTransformStream = globalThis.TransformStream;
const OriginalWritableStream = globalThis.WritableStream;

type Constructor = new (...args: never[]) => object;
type Mode = 'off' | 'stream' | 'channel';
type Replacement = 'subclasses' | 'throwing constructors';
type Consume = (transform: TransformStream<number, number>, log: string[]) => Promise<void>;

let labels = 0;
const macrotask = () => new Promise((resolve) => setImmediate(resolve));

/**
 * What the program sees after `globalThis.ReadableStream` and `TransformStream` were replaced (as a
 * polyfill or a test harness does) once the stream was made and, when on, wrapped. Node's own
 * methods never consult the global: the replacement must never be constructed, off or on.
 */
async function run(mode: Mode, replacement: Replacement, consume: Consume) {
  const log: string[] = [];
  const label = `replaced-${++labels}`;
  const transform = new OriginalTransformStream<number, number>();
  if (mode === 'stream') monitorStream(transform.readable, { label }, null);
  if (mode === 'channel') monitorChannel(transform, { label }, null);
  let constructed = 0;
  const globals = globalThis as Record<string, unknown>;
  if (replacement === 'subclasses') {
    globals.ReadableStream = class extends (OriginalReadableStream as unknown as Constructor) {
      constructor(...args: never[]) {
        super(...args);
        constructed++;
      }
    };
    globals.TransformStream = class extends (OriginalTransformStream as unknown as Constructor) {
      constructor(...args: never[]) {
        super(...args);
        constructed++;
      }
    };
  } else {
    globals.ReadableStream = () => {
      constructed++;
      throw new Error('the global ReadableStream was used');
    };
    globals.TransformStream = () => {
      constructed++;
      throw new Error('the global TransformStream was used');
    };
  }
  try {
    const writer = transform.writable.getWriter();
    for (const n of [1, 2, 3]) writer.write(n).catch(() => {});
    writer.close().catch(() => {});
    await consume(transform, log);
    await macrotask();
  } finally {
    globals.ReadableStream = OriginalReadableStream;
    globals.TransformStream = OriginalTransformStream;
  }
  log.push(`locked ${transform.readable.locked}`, `replacement constructed ${constructed}`);
  const counted =
    mode === 'stream'
      ? streamRows().find((row) => row.label === label)!.yielded
      : mode === 'channel'
        ? channelRegistry.rows().find((row) => row.label === label)!.received
        : null;
  return { log, counted };
}

async function readAll(readable: ReadableStream<number>, log: string[], name: string) {
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    log.push(`${name} ${value}`);
  }
  log.push(`${name} done`);
}

/** The scenario off, then on under `stream()` and `channel()`: identical logs, and every chunk counted. */
async function sameOffAndOn(consume: Consume, expectedCount: number) {
  for (const replacement of ['subclasses', 'throwing constructors'] as const) {
    const off = await run('off', replacement, consume);
    assert.ok(off.log.includes('replacement constructed 0'), 'raw Node never uses the global');
    for (const mode of ['stream', 'channel'] as const) {
      const on = await run(mode, replacement, consume);
      assert.deepEqual(on.log, off.log, `${mode}() with ${replacement}`);
      assert.equal(on.counted, expectedCount, `${mode}() counts every chunk with ${replacement}`);
    }
  }
}

describe('WHATWG streams: wrapped streams never use the global constructors', () => {
  test('tee after the globals were replaced', async () => {
    await sameOffAndOn(async (transform, log) => {
      const [left, right] = transform.readable.tee();
      log.push(`branches are Node's ${left instanceof OriginalReadableStream}`);
      await Promise.all([readAll(left, log, 'left'), readAll(right, log, 'right')]);
    }, 3);
  });

  test('pipeTo after the globals were replaced', async () => {
    await sameOffAndOn(async (transform, log) => {
      const sink = new OriginalWritableStream<number>({ write: (chunk) => void log.push(`sink ${chunk}`) });
      const piped = transform.readable.pipeTo(sink);
      log.push(`locked while piping ${transform.readable.locked}`);
      log.push(`piped ${await piped}`);
    }, 3);
  });

  test('pipeThrough after the globals were replaced', async () => {
    await sameOffAndOn(async (transform, log) => {
      const doubled = transform.readable.pipeThrough(
        new OriginalTransformStream<number, number>({ transform: (n, c) => c.enqueue(n * 2) }),
      );
      log.push(`locked while piping ${transform.readable.locked}`);
      await readAll(doubled, log, 'doubled');
    }, 3);
  });

  test('for await after the globals were replaced', async () => {
    await sameOffAndOn(async (transform, log) => {
      for await (const n of transform.readable) log.push(`item ${n}`);
    }, 3);
  });

  test('pipeTo never throws: a refused pipe is a rejected promise, with the source left unlocked at once', async () => {
    await sameOffAndOn(async (transform, log) => {
      for (const [name, destination, options] of [
        ['not a stream', {}, undefined],
        ['a bad signal', new OriginalWritableStream(), { signal: 'no' }],
        ['options not an object', new OriginalWritableStream(), 7],
      ] as const) {
        const piped = transform.readable.pipeTo(destination as never, options as never);
        log.push(
          `${name}: a promise ${piped instanceof Promise}, locked at once ${transform.readable.locked}`,
        );
        log.push(`${name}: ${await piped.then(String, (error: Error) => `rejected ${error.name}`)}`);
      }
      const locked = new OriginalWritableStream();
      locked.getWriter();
      const refused = transform.readable.pipeTo(locked);
      log.push(`locked destination, locked at once ${transform.readable.locked}`);
      log.push(await refused.then(String, (error: Error) => `rejected ${error.name}`));
      await readAll(transform.readable, log, 'after');
    }, 3);
  });

  test('tee and pipeThrough throw only where raw does, and leave the source as they found it', async () => {
    await sameOffAndOn(async (transform, log) => {
      try {
        transform.readable.pipeThrough({ readable: {}, writable: {} } as never);
        log.push('pipeThrough accepted a malformed transform');
      } catch (error) {
        log.push(`pipeThrough threw ${(error as Error).name}, locked ${transform.readable.locked}`);
      }
      const reader = transform.readable.getReader();
      for (const call of ['tee', 'pipeThrough'] as const) {
        try {
          if (call === 'tee') transform.readable.tee();
          else transform.readable.pipeThrough(new OriginalTransformStream());
          log.push(`${call} accepted a locked source`);
        } catch (error) {
          log.push(`${call} on a locked source threw ${(error as Error).name}`);
        }
      }
      reader.releaseLock();
      await readAll(transform.readable, log, 'after');
    }, 3);
  });
});
