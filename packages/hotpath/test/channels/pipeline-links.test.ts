/**
 * Rows chained by the program are linked once, when the chaining happens: Node's `pipe()` and
 * `pipeline()` (either side monitored first, before or after the pipe), and the `after` option (an object
 * or a label). The pipe itself runs exactly as without monitoring (a differential: same chunks, same order,
 * same end, same error).
 */
import assert from 'node:assert/strict';
import { PassThrough, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, test } from 'node:test';
import { monitorChannel } from '../../src/channels/detect.ts';
import { checkOptions } from '../../src/options.ts';
import { bounded } from '../../src/primitives/index.ts';
import { channelSiteRows } from '../../src/registry/channels.ts';
import { noteHandedBack, startRegistration } from '../../src/registry/pipelines.ts';
import { rowOf, tick, watch } from './watch.ts';

const objects = () => new PassThrough({ objectMode: true });

describe('pipeline links', () => {
  test('a.pipe(b) of two monitored streams: b names a as its upstream row, by its id', () => {
    const a = watch(objects(), 'pipe-a');
    const b = watch(objects(), 'pipe-b');
    a.pipe(b);
    assert.deepEqual(rowOf('pipe-b').after, { rowId: rowOf('pipe-a').id, kind: 'channel', label: 'pipe-a' });
    assert.equal(rowOf('pipe-a').after, undefined);
    // A site row names the upstream site row, by the site's id.
    const sites = channelSiteRows();
    const site = (label: string) => sites.find((row) => row.label === label)!;
    assert.deepEqual(site('pipe-b').after, { rowId: site('pipe-a').id, kind: 'channel', label: 'pipe-a' });
  });

  test('piped before either was monitored, in either order: still linked', () => {
    const a = objects();
    const b = objects();
    a.pipe(b);
    watch(b, 'late-b');
    watch(a, 'late-a');
    assert.equal(rowOf('late-b').after?.label, 'late-a');
    const c = objects();
    const d = objects();
    c.pipe(d);
    watch(c, 'late-c');
    watch(d, 'late-d');
    assert.equal(rowOf('late-d').after?.label, 'late-c');
  });

  test('after: a pair, one end of it, or a label; a link back (a cycle) is refused', () => {
    const register = (target: unknown, label: string, after?: unknown) => {
      startRegistration();
      const result = monitorChannel(
        target,
        { label, ...(after === undefined ? {} : { after }) } as never,
        null,
      );
      noteHandedBack(result);
      return result;
    };
    const first = register(bounded(4), 'after-first') as unknown[];
    register(bounded(4), 'after-pair', first);
    register(bounded(4), 'after-end', first[1]);
    register(bounded(4), 'after-label', 'after-first');
    assert.equal(rowOf('after-pair').after?.label, 'after-first');
    assert.equal(rowOf('after-end').after?.label, 'after-first');
    // A label is resolved on the lint engine's tick, against the live rows: not yet here.
    assert.equal(rowOf('after-label').after, undefined);
    const x = watch(objects(), 'cycle-x');
    const y = watch(objects(), 'cycle-y');
    x.pipe(y);
    y.pipe(x);
    assert.equal(rowOf('cycle-y').after?.label, 'cycle-x');
    assert.equal(rowOf('cycle-x').after, undefined);
  });

  test('after must be an object or a label: anything else is a TypeError saying so', () => {
    for (const bad of [5, true, null]) {
      assert.throws(
        () => checkOptions('channel', { after: bad } as never, ['label', 'after']),
        /channel\(…, options\): after must be the wrapped object \(or its label\) that feeds this one/,
      );
    }
    assert.doesNotThrow(() => checkOptions('stream', { after: 'parse' }, ['label', 'after']));
  });

  test('differential: pipeline() through monitored streams delivers the same chunks, in order, and fails the same way', async () => {
    const run = async (monitor: boolean, failAt: number | null) => {
      const out: number[] = [];
      const wrap = <T>(stream: T, label: string) => (monitor ? watch(stream, label) : stream);
      const source = wrap(objects(), `diff-src-${monitor}-${failAt}`);
      const double = wrap(
        new Transform({
          objectMode: true,
          transform(chunk: number, _encoding, done) {
            if (chunk === failAt) done(new Error(`bad ${chunk}`));
            else done(null, chunk * 2);
          },
        }),
        `diff-double-${monitor}-${failAt}`,
      );
      const sink = wrap(
        new Writable({
          objectMode: true,
          highWaterMark: 2,
          write(chunk: number, _encoding, done) {
            out.push(chunk);
            setImmediate(done);
          },
        }),
        `diff-sink-${monitor}-${failAt}`,
      );
      const done = pipeline(source, double, sink).then(
        () => 'finished',
        (error: Error) => error.message,
      );
      for (let i = 0; i < 50; i++) source.write(i);
      source.end();
      const end = await done;
      await tick();
      return { out, end };
    };
    assert.deepEqual(await run(true, null), await run(false, null));
    assert.deepEqual(await run(true, 20), await run(false, 20));
    assert.equal((await run(true, null)).out.length, 50);
    assert.equal(rowOf('diff-double-true-null').after?.label, 'diff-src-true-null');
    assert.equal(rowOf('diff-sink-true-null').after?.label, 'diff-double-true-null');
  });
});
