import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { streamLogs, streamRows } from '../../src/registry/streams.ts';
import { monitorStream } from '../../src/streams/detect.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';

const wrap = <T>(source: T, label: string, log?: boolean) => monitorStream(source, { label, log }, null) as T;
const row = (label: string) => streamRows().find((r) => r.label === label)!;

async function* upTo(n: number) {
  for (let i = 1; i <= n; i++) yield i;
}

describe('async iterators and generators', () => {
  test('the generator itself comes back, its own keys unchanged', () => {
    const gen = upTo(1);
    assert.equal(wrap(gen, 'same'), gen);
    assert.deepEqual(Object.keys(gen), []);
  });

  test('stats: first item, items per second, consumer wait and logged items', async () => {
    const values: number[] = [];
    for await (const n of wrap(upTo(40), 'stats', true)) values.push(n);
    assert.equal(values.length, 40);
    const r = row('stats');
    assert.equal(r.state, 'closed');
    assert.equal(r.yielded, 40);
    assert.ok(r.firstItemMs !== null && r.firstItemMs >= 0);
    assert.ok(r.itemsPerSecond !== null && r.itemsPerSecond > 0);
    assert.ok(r.consumerWaitMs !== null && r.consumerWaitMs > 0);
    assert.equal(r.producerWaitMs, null);
    const logs = streamLogs(r.id)!.logs;
    assert.deepEqual(
      logs.slice(0, 2).map((entry) => [entry.index, entry.message]),
      [
        [40, '40'],
        [39, '39'],
      ],
    );
  });

  test('a hand-made iterator without return(): break leaves the row active (nothing tells us)', async () => {
    let i = 0;
    const iterator = {
      next: async () => ({ done: false, value: ++i }),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    for await (const n of wrap(iterator, 'no-return')) if (n === 2) break;
    assert.equal('return' in iterator, false, 'no return() was added');
    assert.equal(row('no-return').state, 'active');
    assert.equal(row('no-return').yielded, 2);
  });

  test('each item settles one microtask later than unwrapped', async () => {
    const ticks = async (gen: AsyncGenerator<number>) => {
      let count = 0;
      let done = false;
      const counter = (async () => {
        while (!done) {
          await null;
          count++;
        }
      })();
      await gen.next();
      done = true;
      await counter;
      return count;
    };
    const raw = await ticks(upTo(1));
    assert.equal(await ticks(wrap(upTo(1), 'ticks')), raw + 1);
  });

  test('logging and plain iterators (counted by separate functions) end in the same rows', async () => {
    async function* failsAfter(n: number) {
      yield* upTo(n);
      throw new Error('source failed');
    }
    const consume = async (source: AsyncIterable<number>, stopAt?: number) => {
      const seen: number[] = [];
      try {
        for await (const n of source) {
          seen.push(n);
          if (n === stopAt) break;
        }
        return { seen, error: null };
      } catch (error) {
        return { seen, error: (error as Error).message };
      }
    };
    for (const [name, make, stopAt] of [
      ['full', () => upTo(5), undefined],
      ['broken off', () => upTo(5), 2],
      ['failing', () => failsAfter(3), undefined],
    ] as const) {
      const raw = await consume(make(), stopAt);
      const plain = await consume(wrap(make(), `both-${name}-plain`), stopAt);
      const logged = await consume(wrap(make(), `both-${name}-logged`, true), stopAt);
      assert.deepEqual(plain, raw, name);
      assert.deepEqual(logged, raw, name);
      const [p, l] = [row(`both-${name}-plain`), row(`both-${name}-logged`)];
      assert.deepEqual([l.state, l.yielded], [p.state, p.yielded], name);
      assert.equal(p.yielded, raw.seen.length, name);
    }
    assert.equal(row('both-full-plain').state, 'closed');
    assert.equal(row('both-broken off-plain').state, 'cancelled');
    assert.equal(row('both-failing-plain').state, 'errored');
  });

  test('a rejection the consumer never handles is still one unhandled rejection, with the same reason', async () => {
    const [off, on] = await Promise.all([
      runScript(scenarios('stream-unhandled.ts')),
      runScript(scenarios('stream-unhandled.ts'), { HOTPATH: '1', HOTPATH_REPORT: 'off' }),
    ]);
    assert.equal(off.stdout, 'unhandled rejection, same reason: true\ndone\n');
    assert.equal(on.stdout, off.stdout);
    assert.equal(on.code, off.code);
  });
});

describe('bad input', () => {
  for (const [what, value] of [
    ['a plain object', { some: 'object' }],
    ['an array', [1, 2]],
    ['a sync generator', (function* () {})()],
    ['a number', 42],
    ['null', null],
  ] as const) {
    test(`${what} is a TypeError naming the accepted kinds`, () => {
      assert.throws(() => monitorStream(value, undefined, null), {
        name: 'TypeError',
        message:
          /^stream\(source\): expected one of: a Node Readable .*; a WHATWG ReadableStream; an RxJS Observable; an async iterable, async iterator or async generator\. Got /,
      });
    });
  }
});

test('churn: finished streams fold into one row per site, and yielded stays exact', async () => {
  let total = 0;
  for (let i = 0; i < 1200; i++) {
    for await (const _ of wrap(upTo(3), 'churn')) total++;
  }
  const rows = streamRows().filter((r) => r.label.startsWith('churn'));
  assert.ok(rows.length <= 1001, `${rows.length} rows`);
  assert.equal(
    rows.reduce((sum, r) => sum + r.yielded, 0),
    total,
  );
  assert.equal(
    rows.reduce((sum, r) => sum + r.instances, 0),
    1200,
  );
  const summary = rows.find((r) => r.instances > 1)!;
  assert.equal(summary.label, 'churn');
  assert.equal(summary.state, 'closed');
});
