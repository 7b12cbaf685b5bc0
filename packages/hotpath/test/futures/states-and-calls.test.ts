import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { config } from '../../src/config.ts';
import { trackFuture } from '../../src/futures/future.ts';
import { wrapFunction } from '../../src/futures/future-fn.ts';
import { pollHooksInstalled } from '../../src/futures/polls.ts';
import * as off from '../../src/off.ts';
import { futureCalls, futureRegistry, futureRows } from '../../src/registry/futures.ts';
import { futuresSection } from '../../src/report/sections/futures.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const row = (label: string) => futureRows().find((r) => r.label === label)!;
const calls = (label: string) => futureCalls(row(label).id)!.calls;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('states', () => {
  test('resolved and rejected are counted exactly; a rejection logs its reason only with log', async () => {
    const fn = wrapFunction(
      async (fail: boolean) => {
        if (fail) throw new Error('nope');
        return 'fine';
      },
      { label: 'states-mixed', log: true },
      null,
    );
    await fn(false);
    await assert.rejects(fn(true), /nope/);
    await fn(false);
    const r = row('states-mixed');
    assert.deepEqual([r.calls, r.pending, r.resolved, r.rejected, r.cancelled], [3, 0, 2, 1, 0]);
    assert.deepEqual(
      calls('states-mixed').map((c) => c.state),
      ['resolved', 'rejected', 'resolved'],
    );
    assert.equal(calls('states-mixed')[0]!.result, "'fine'");
    assert.match(calls('states-mixed')[1]!.result!, /^Error: nope/);
  });

  test('an AbortSignal aborted first makes the call cancelled; the promise itself is untouched', async () => {
    const controller = new AbortController();
    let resolve!: (v: number) => void;
    const wrapped = trackFuture(
      new Promise<number>((r) => {
        resolve = r;
      }),
      { label: 'states-abort', signal: controller.signal },
      null,
    ) as Promise<number>;
    controller.abort();
    resolve(5);
    assert.equal(await wrapped, 5);
    const r = row('states-abort');
    assert.deepEqual([r.calls, r.pending, r.resolved, r.cancelled], [1, 0, 0, 1]);
    assert.equal(calls('states-abort')[0]!.state, 'cancelled');
    // Already aborted at the start: cancelled at once.
    trackFuture(new Promise(() => {}), { label: 'states-abort', signal: controller.signal }, null);
    assert.equal(row('states-abort').cancelled, 2);
  });

  test('a pending promise the garbage collector takes ends cancelled', async () => {
    (() => {
      trackFuture(() => new Promise(() => {}), { label: 'states-collected' }, null);
    })();
    assert.equal(row('states-collected').pending, 1);
    for (let i = 0; i < 20 && row('states-collected').cancelled === 0; i++) {
      await tick(); // the registration happens at the end of the turn
      gc();
      await tick();
    }
    const r = row('states-collected');
    assert.deepEqual([r.pending, r.cancelled], [0, 1]);
  });

  test('a thunk that returns a plain value is one resolved call and returns the value itself', () => {
    const value = { plain: true };
    assert.equal(
      trackFuture(() => value, { label: 'states-plain' }, null),
      value,
    );
    assert.equal(row('states-plain').resolved, 1);
  });

  test('recent calls keep HOTPATH_LOGS_LIMIT entries, newest first; counts stay exact', async () => {
    const saved = config.logsLimit;
    config.logsLimit = 3;
    try {
      const fn = wrapFunction(async (n: number) => n, { label: 'states-limit', log: true }, null);
      for (let n = 1; n <= 10; n++) await fn(n);
    } finally {
      config.logsLimit = saved;
    }
    assert.equal(row('states-limit').calls, 10);
    assert.deepEqual(
      calls('states-limit').map((c) => c.result),
      ['10', '9', '8'],
    );
  });

  test('a throwing log formatter is a fault, never the program’s error', async () => {
    const fn = wrapFunction(
      async () => 1,
      {
        label: 'states-bad-formatter',
        log: () => {
          throw new Error('formatter broke');
        },
      },
      null,
    );
    assert.equal(await fn(), 1);
    assert.match(calls('states-bad-formatter')[0]!.result!, /could not format value: formatter broke/);
  });
});

describe('bad input', () => {
  // biome-ignore lint/suspicious/noThenProperty: a `then` that is not a function is the bad input tested
  for (const bad of [42, 'text', null, undefined, { then: 'not a function' }, [1]]) {
    test(`future(${JSON.stringify(bad)}) is a TypeError naming what is accepted`, () => {
      assert.throws(
        () => trackFuture(bad, undefined, null),
        (error: Error) =>
          error instanceof TypeError &&
          /a promise \(or any thenable\) or a function returning one/.test(error.message),
      );
    });
  }
});

describe('polls', () => {
  test('hooks are installed only while a poll-tracked call is pending', async () => {
    config.futurePolls = true;
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const fn = wrapFunction(
        async () => {
          await gate;
          await null;
        },
        { label: 'polls-hooks' },
        null,
      );
      assert.equal(pollHooksInstalled(), false);
      const running = fn();
      assert.equal(pollHooksInstalled(), true);
      release();
      await running;
      assert.equal(pollHooksInstalled(), false);
      assert.equal(calls('polls-hooks')[0]!.polls, 3);
    } finally {
      config.futurePolls = false;
    }
  });
});

describe('accuracy', () => {
  test('the returned promise settles one microtask after the original (pinned deviation)', async () => {
    const order: string[] = [];
    const raw = Promise.resolve('raw');
    const wrapped = trackFuture(
      Promise.resolve('wrapped'),
      { label: 'accuracy-hop' },
      null,
    ) as Promise<string>;
    const other = Promise.resolve('other');
    void wrapped.then((v) => order.push(v));
    void other.then((v) => order.push(v));
    void raw.then((v) => order.push(v));
    await tick();
    // Unwrapped, 'wrapped' would come first; the extra `then` puts it after promises already settled.
    assert.deepEqual(order, ['other', 'raw', 'wrapped']);
  });
});

describe('accuracy: thenables', () => {
  test("a thenable's then is called once, when it is wrapped; it comes back as a native promise (pinned)", async () => {
    let thenCalls = 0;
    const lazy = {
      // biome-ignore lint/suspicious/noThenProperty: a lazy thenable is what this test is about
      then(resolve: (v: string) => void) {
        thenCalls++;
        resolve('lazy');
      },
    };
    const wrapped = trackFuture(lazy, { label: 'accuracy-thenable' }, null) as PromiseLike<string>;
    assert.equal(thenCalls, 1, 'called at wrap time, before anyone awaits');
    assert.ok(wrapped instanceof Promise, 'adopted into a native promise');
    assert.equal(await wrapped, 'lazy');
    assert.equal(row('accuracy-thenable').resolved, 1);
  });
});

describe('report', () => {
  test('the hang list names the oldest pending calls and counts the rest', () => {
    const text = futuresSection(futureRows(), false, {
      total: 3,
      oldest: [{ rowId: 1, label: 'slow-query', callId: 7, ageMs: 1500 }],
    });
    assert.match(
      text,
      /Still pending \(3, oldest first\):\n {2}slow-query {2}call #7 {2}pending for 1\.50 s\n {2}… and 2 more/,
    );
    const before = futureRegistry.pendingCalls(1000).total;
    const held = trackFuture(new Promise(() => {}), { label: 'report-hang' }, null);
    const pending = futureRegistry.pendingCalls(1000);
    assert.equal(pending.total, before + 1);
    assert.equal(pending.oldest.at(-1)!.label, 'report-hang');
    assert.ok(held);
  });
});

describe('hotpath-off stub', () => {
  test('futureFn(fn) is fn, futureFn() decorates with the method itself in both dialects', () => {
    const method = async () => 1;
    assert.equal(off.futureFn(method), method);
    const decorator = off.futureFn({ log: true });
    assert.equal(decorator(method, { kind: 'method' } as never), method);
    const descriptor = { value: method, writable: true, enumerable: false, configurable: true };
    assert.equal(decorator({}, 'm', descriptor).value, method);
    class Decorated {
      @off.futureFn()
      async run() {
        return 2;
      }
    }
    assert.equal(Decorated.prototype.run.name, 'run');
  });
});
