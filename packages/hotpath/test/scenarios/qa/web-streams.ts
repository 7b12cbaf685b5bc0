import { channel, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const tick = () => new Promise((r) => setTimeout(r, 2));

// 1. pipeTo with AbortSignal
{
  let i = 0;
  const src = stream(
    new ReadableStream(
      {
        pull(c) {
          c.enqueue(i++);
          if (i > 100) c.close();
        },
      },
      { highWaterMark: 1 },
    ),
  );
  const got: number[] = [];
  const ac = new AbortController();
  const dst = new WritableStream({
    write(v) {
      got.push(v);
      if (v === 3) ac.abort(new Error('enough'));
    },
  });
  try {
    await src.pipeTo(dst, { signal: ac.signal });
  } catch (e) {
    log('1 rejected', (e as Error).message);
  }
  log('1 got', got, src.locked);
}
// 2. tee
{
  const src = stream(
    new ReadableStream({
      start(c) {
        c.enqueue('a');
        c.enqueue('b');
        c.close();
      },
    }),
  );
  const [a, b] = src.tee();
  const ra: string[] = [];
  const rb: string[] = [];
  for await (const v of a) ra.push(v);
  for await (const v of b) rb.push(v);
  log('2 tee', ra, rb, src.locked);
}
// 3. byte stream with BYOB
{
  const src = stream(
    new ReadableStream({
      type: 'bytes',
      start(c) {
        c.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
        c.close();
      },
    }),
  );
  const reader = src.getReader({ mode: 'byob' });
  const r1 = await reader.read(new Uint8Array(2));
  log('3 byob', r1.done, r1.value && [...r1.value]);
  const r2 = await reader.read(new Uint8Array(8));
  log('3 byob', r2.done, r2.value && [...r2.value]);
  const r3 = await reader.read(new Uint8Array(8));
  log('3 byob', r3.done, r3.value && [...r3.value]);
  reader.releaseLock();
}
// 4. TransformStream as channel, with pipeThrough and error mid-way
{
  const ts = channel(
    new TransformStream<number, number>({
      transform(c, ctl) {
        if (c === 2) throw new Error('t2');
        ctl.enqueue(c * 2);
      },
    }),
  );
  const src = new ReadableStream({
    start(c) {
      c.enqueue(1);
      c.enqueue(2);
      c.enqueue(3);
      c.close();
    },
  });
  const out: number[] = [];
  try {
    for await (const v of src.pipeThrough(ts)) out.push(v);
  } catch (e) {
    log('4 error', (e as Error).message);
  }
  log('4 out', out);
}
// 5. cancel propagation with reason
{
  const src = stream(
    new ReadableStream({
      pull(c) {
        c.enqueue(1);
      },
      cancel(r) {
        log('5 cancel', r);
      },
    }),
  );
  const reader = src.getReader();
  await reader.read();
  await reader.cancel('why');
  log(
    '5 closed',
    await reader.closed.then(
      () => 'ok',
      (e) => e,
    ),
  );
}
// 6. writer abort on channel pair
{
  const ts = channel(new TransformStream());
  const w = ts.writable.getWriter();
  w.write('x').catch((e) => log('6 write rejected', e));
  await w.abort('aborted!');
  const r = ts.readable.getReader();
  try {
    await r.read();
  } catch (e) {
    log('6 read', e);
  }
}
// 7. byte stream consumed by for await
{
  const src = stream(
    new ReadableStream({
      type: 'bytes',
      start(c) {
        c.enqueue(new Uint8Array([9]));
        c.enqueue(new Uint8Array([8]));
        c.close();
      },
    }),
  );
  const out: number[][] = [];
  for await (const v of src) out.push([...v]);
  log('7', out);
}
// 8. ReadableStream.from
// biome-ignore lint/complexity/noUselessLoneBlockStatements: each numbered case is a block
{
  if ((ReadableStream as any).from) {
    const src = stream(
      (ReadableStream as any).from(
        (async function* () {
          yield 1;
          yield 2;
        })(),
      ) as ReadableStream<number>,
    );
    const out: number[] = [];
    for await (const v of src) out.push(v);
    log('8', out);
  }
}
// 9. error from source with no reader; then read
{
  let ctl!: ReadableStreamDefaultController;
  const src = stream(
    new ReadableStream({
      start(c) {
        ctl = c;
      },
    }),
  );
  const r = src.getReader();
  const p = r.read();
  ctl.error(new Error('src err'));
  try {
    await p;
  } catch (e) {
    log('9', (e as Error).message);
  }
  await tick();
}
log('done');
