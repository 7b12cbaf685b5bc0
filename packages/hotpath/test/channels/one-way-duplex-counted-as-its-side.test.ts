/**
 * A Duplex with one side switched off (`readable: false`, as `process.stdout` on a pipe is; or
 * `writable: false`, as `process.stdin` on a pipe is) carries messages one way only: its row counts that
 * side, so receives come from its sink's completed writes (or sends from its pushes) rather than from
 * events it can never emit.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Duplex, type DuplexOptions } from 'node:stream';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rowOf, tick, watch } from './watch.ts';

/** A write-only Duplex whose sink completes each write a turn later, so a write is queued meanwhile. */
function writeOnly(sink: string[]): Duplex {
  // `readable`/`writable` are Node's documented Duplex options that @types/node leaves out.
  return new Duplex({
    readable: false,
    write(chunk: unknown, _encoding: string, done: () => void) {
      setImmediate(() => {
        sink.push(String(chunk));
        done();
      });
    },
  } as DuplexOptions);
}

describe('a one-way Duplex is counted as the side it has', () => {
  test('readable: false — sends are writes, receives the completed ones, the queue what is still being written', async () => {
    const wrapped: string[] = [];
    const raw: string[] = [];
    const stream = watch(writeOnly(wrapped), 'write-only');
    const plain = writeOnly(raw);
    const returned = ['a', 'b', 'c'].map((chunk) => stream.write(chunk));
    const returnedRaw = ['a', 'b', 'c'].map((chunk) => plain.write(chunk));
    assert.deepEqual(returned, returnedRaw);
    const during = rowOf('write-only');
    assert.deepEqual([during.sent, during.received, during.queued], [3, 0, 3]);
    // A write-only Duplex's capacity is its writable side's alone (16 KiB in byte mode).
    assert.equal(during.capacity, 16384);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(wrapped, raw);
    assert.deepEqual(wrapped, ['a', 'b', 'c']);
    const after = rowOf('write-only');
    assert.deepEqual([after.sent, after.received, after.queued, after.state], [3, 3, 0, 'active']);
  });

  test('writable: false — sends are pushes, receives the data events', async () => {
    const stream = watch(
      new Duplex({ writable: false, objectMode: true, read() {} } as DuplexOptions),
      'read-only',
    );
    for (const value of [1, 2, 3]) stream.push(value);
    assert.deepEqual([rowOf('read-only').sent, rowOf('read-only').queued], [3, 3]);
    const seen: unknown[] = [];
    stream.on('data', (value) => seen.push(value));
    await tick();
    assert.deepEqual(seen, [1, 2, 3]);
    const row = rowOf('read-only');
    assert.deepEqual([row.sent, row.received, row.queued], [3, 3, 0]);
  });

  test('process.stdout on a pipe: every write is received once written, and the bytes are the same off and on', () => {
    const script = fileURLToPath(new URL('../scenarios/stdout-on-a-pipe.ts', import.meta.url));
    const run = (hotpath: string | undefined) =>
      spawnSync(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, HOTPATH: hotpath, HOTPATH_REPORT: 'off', HOTPATH_METRICS_SERVER_OFF: '1' },
        encoding: 'utf8',
      });
    const off = run(undefined);
    const on = run('1');
    assert.equal(on.status, 0, on.stderr);
    assert.equal(on.stdout, off.stdout);
    assert.equal(on.stdout, 'one\ntwo\nthree\n');
    assert.match(on.stderr, /^stdout sent 3 received 3 queued 0$/m);
  });
});
