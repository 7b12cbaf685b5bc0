/**
 * Every lint on a real scenario (real channels, streams, futures, emitters, a really blocked loop): raised
 * on the unhealthy row, and never raised on its healthy counterpart (same rates with a consumer that keeps
 * up, a bursty consumer, a slow but progressing one, a finished row, a stream consumed late). Thresholds
 * are short (HOTPATH_LINTS) and the healthy rows are judged over a number of ticks, not a wall-clock time,
 * so a slow machine only makes the run longer.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LINT_NAMES } from '../../src/lints/names.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';
import type { Seen } from '../scenarios/lints/observe.ts';

const ENV = {
  HOTPATH: '1',
  HOTPATH_REPORT: 'off',
  HOTPATH_RUNTIME_INTERVAL_MS: '50',
  HOTPATH_LINTS:
    'channel-full=600ms,consumer-stalled=600ms,queue-growing=1s,future-pending=600ms,stream-unconsumed=600ms,loop-blocked=150ms,emitter-leak=200ms,pipeline-bottleneck=1s',
};

const NAMES = LINT_NAMES;

const results = new Map<string, { seen: Seen; extra: Record<string, unknown>; stderr: string }>();

before(async () => {
  // All at once: each waits on ticks, not on the CPU, so they overlap well on two cores.
  await Promise.all(
    NAMES.map(async (name) => {
      const env =
        name === 'consumer-stalled'
          ? { ...ENV, HOTPATH_METRICS_SERVER_OFF: '0', HOTPATH_METRICS_PORT: '0' }
          : ENV;
      const run = await runScript(scenarios(`lints/${name}.ts`), env, { timeoutMs: 120_000 });
      assert.equal(run.code, 0, `${name}: ${run.stderr}`);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const seen = lines.find((line) => 'ever' in line) as unknown as Seen;
      results.set(name, {
        seen,
        extra: Object.assign({}, ...lines.filter((l) => !('ever' in l))),
        stderr: run.stderr,
      });
    }),
  );
});

/** The lints ever raised on a row, during the whole run. */
const on = (name: string, label: string) => results.get(name)!.seen.ever[label] ?? [];

describe('each lint: raised on the real problem, quiet on the healthy counterpart', () => {
  test('channel-full: raised on jobs, whose consumer is slower; nothing on the same rate kept up, a bursty one, a finished one', () => {
    assert.deepEqual(on('channel-full', 'jobs'), ['channel-full']);
    const lint = results.get('channel-full')!.seen.atEnd.find((l) => l.label === 'jobs')!;
    assert.match(
      lint.message,
      /^producer waits on jobs: full in \d+% of the last 600 ms; its consumer is the bottleneck$/,
    );
    assert.equal(lint.kind, 'channel');
    for (const label of ['healthy', 'bursty', 'finished'])
      assert.deepEqual(on('channel-full', label), [], label);
  });

  test('consumer-stalled: raised with no consumer and a stopped one; not on a slow one that keeps taking, nor a closed one', () => {
    assert.ok(on('consumer-stalled', 'stuck').includes('consumer-stalled'));
    assert.ok(on('consumer-stalled', 'stopped').includes('consumer-stalled'));
    assert.ok(!on('consumer-stalled', 'slow').includes('consumer-stalled'));
    assert.deepEqual(on('consumer-stalled', 'finished'), []);
  });

  test('consumer-stalled by site: three stuck instances of one site are one lint on the site row', () => {
    const bySite = results.get('consumer-stalled')!.seen.bySite!;
    const site = bySite.filter((l) => l.label === 'per-request');
    assert.equal(site.length, 1);
    assert.equal(site[0]!.instances, 3);
    assert.match(site[0]!.message, /\(3 instances\)$/);
    // Per instance, each is its own lint with its own row id.
    const instances = results
      .get('consumer-stalled')!
      .seen.atEnd.filter((l) => l.label.startsWith('per-request'));
    assert.equal(new Set(instances.map((l) => l.rowId)).size, 3);
  });

  test('queue-growing: raised on a queue fed twice as fast as it is drained; not on one drained in bursts, nor a bounded one', () => {
    assert.ok(on('queue-growing', 'leak').includes('queue-growing'));
    assert.ok(!on('queue-growing', 'bursty').includes('queue-growing'));
    assert.ok(!on('queue-growing', 'bounded').includes('queue-growing'));
  });

  test('future-pending: raised on a call that never settles; not on quick calls; cleared once a slow call settles', () => {
    assert.deepEqual(on('future-pending', 'waitForever'), ['future-pending']);
    assert.deepEqual(on('future-pending', 'quick'), []);
    const atEnd = results.get('future-pending')!.seen.atEnd;
    assert.ok(on('future-pending', 'slowOnce').includes('future-pending'), 'raised while it was pending');
    assert.ok(!atEnd.some((l) => l.label === 'slowOnce'), 'gone once it settled');
    assert.match(
      atEnd.find((l) => l.label === 'waitForever')!.message,
      /^waitForever: a call has been pending for /,
    );
  });

  test('future-lost: raised when a pending promise is garbage-collected; not on one still held, nor one that settled', () => {
    assert.ok(on('future-lost', 'dropped').includes('future-lost'));
    assert.ok(!on('future-lost', 'held').includes('future-lost'));
    assert.deepEqual(on('future-lost', 'settled'), []);
  });

  test('stream-unconsumed: raised on a stream nobody pulls; not on one consumed late, nor one cancelled', () => {
    assert.deepEqual(on('stream-unconsumed', 'unread'), ['stream-unconsumed']);
    assert.deepEqual(on('stream-unconsumed', 'late'), []);
    assert.deepEqual(on('stream-unconsumed', 'cancelled'), []);
  });

  test('loop-blocked: raised when the loop blocks with an item in flight; not when it blocks with nothing in flight', () => {
    assert.equal(results.get('loop-blocked')!.extra.quiet, 0);
    const lint = results.get('loop-blocked')!.seen.atEnd.find((l) => l.lint === 'loop-blocked')!;
    assert.equal(lint.kind, 'runtime');
    assert.equal(lint.rowId, 0);
    assert.match(lint.message, /blocked for up to \d+ ms while 1 item\(s\) were in flight/);
  });

  test('emitter-leak: raised past the emitter limit; not under a raised limit, nor with a few listeners', () => {
    assert.deepEqual(on('emitter-leak', "leaky 'data'"), ['emitter-leak']);
    assert.deepEqual(on('emitter-leak', "roomy 'data'"), []);
    assert.deepEqual(on('emitter-leak', "few 'data'"), []);
  });

  test('pipeline-bottleneck: names the slowest stage of a chain (pipeline(), after: pair, after: label); not a healthy chain at the same rate, a bursty one, a finished one', () => {
    const atEnd = results
      .get('pipeline-bottleneck')!
      .seen.atEnd.filter((l) => l.lint === 'pipeline-bottleneck');
    const message = (label: string) => atEnd.find((l) => l.label === label)?.message ?? '';
    assert.match(
      message('enrich'),
      /^pipeline parse → enrich → write: enrich is the slowest stage \([\d.]+\/s through, queue \d+, full in \d+% of the last 1 s\); the stages after it keep up$/,
    );
    assert.match(message('stage1'), /^pipeline stage1 → stage2: the consumer of stage1 is the slowest stage/);
    assert.match(message('b'), /^pipeline a → b: the consumer of b is the slowest stage \([^)]*\)$/);
    // Only the slowest stage is named, never the ones that wait on it or keep up after it.
    for (const label of ['parse', 'write', 'stage2', 'a'])
      assert.ok(!on('pipeline-bottleneck', label).includes('pipeline-bottleneck'), label);
    for (const label of ['calm-parse', 'calm-enrich', 'calm-write', 'burst1', 'burst2', 'done1', 'done2'])
      assert.deepEqual(on('pipeline-bottleneck', label), [], label);
  });

  test('pipelines: each linked row names the row that feeds it, by the id the snapshot lists it under', () => {
    const { after, ids } = results.get('pipeline-bottleneck')!.extra.links as {
      after: Record<string, string | null>;
      ids: Record<string, boolean>;
    };
    assert.deepEqual(
      { enrich: after.enrich, write: after.write, parse: after.parse },
      { enrich: 'parse', write: 'enrich', parse: null },
      'linked by pipeline()',
    );
    assert.equal(after.stage2, 'stage1', 'after: the pair');
    assert.equal(after.b, 'a', "after: 'a'");
    assert.equal(after.burst2, 'burst1', 'after: one end of the pair');
    assert.equal(after['web-enrich'], 'web-source', 'linked by pipeThrough()');
    assert.ok(Object.values(ids).every(Boolean), JSON.stringify(ids));
  });
});
