import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ownChannelAdapter } from '../../src/channels/own.ts';
import { formatFor, renderMetrics } from '../../src/export/prometheus.ts';
import { bounded } from '../../src/primitives/index.ts';
import { takeSnapshot } from '../../src/registry/snapshot.ts';
import type { ChannelRow, FutureRow, RuntimeStats, StreamRow } from '../../src/types.ts';
import { channelRow, functionRow, futureRow, gaugeRow, snapshot, streamRow } from '../helpers/rows.ts';

/** A site row (what `takeSnapshot('site')` holds) with a custom label and a call site. */
function channel(
  label: string,
  source: string | null,
  fields: Partial<ChannelRow> & Record<string, unknown> = {},
) {
  return channelRow({ label, source, hasCustomLabel: true, capacity: null, type: 'unbounded', ...fields });
}

function stream(label: string, yielded: number): StreamRow {
  return streamRow({ label, source: 'app.ts:1', hasCustomLabel: true, yielded });
}

function future(label: string, fields: Partial<FutureRow>): FutureRow {
  return futureRow({ label, source: 'app.ts:2', hasCustomLabel: true, ...fields });
}

/** The sample lines of an exposition, as `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe('sites, not instances', () => {
  test("a site's instances, live and finished, arrive as one series with their sum (the registry's site rows)", () => {
    const at = { source: 'app/jobs.ts:9', label: 'jobs.ts:9' };
    const pairs = [0, 1, 2].map(
      () =>
        ownChannelAdapter.monitor(bounded<number>(8), { label: 'jobs' }, at) as ReturnType<
          typeof bounded<number>
        >,
    );
    pairs.forEach(([tx], n) => {
      for (let i = 0; i <= n * 3; i++) tx.trySend(i);
    });
    pairs[0]![1].tryRecv();
    pairs[2]![0].close();
    while (pairs[2]![1].tryRecv() !== undefined) {}
    const s = samples(renderMetrics(takeSnapshot('site'), 2000, 'prometheus'));
    const jobs = '{label="jobs",kind="hotpath",site="app/jobs.ts:9"}';
    assert.equal(s.get(`hotpath_channel_sent_total${jobs}`), 1 + 4 + 7);
    assert.equal(s.get(`hotpath_channel_received_total${jobs}`), 1 + 7);
    assert.equal(s.get(`hotpath_channel_queued${jobs}`), 4);
    assert.equal(s.get(`hotpath_channel_capacity${jobs}`), 16, 'capacity of the two live instances');
    assert.equal([...s.keys()].filter((k) => k.startsWith('hotpath_channel_sent_total')).length, 1);
  });

  test('rows of one site from two threads add up into one series', () => {
    const text = renderMetrics(
      snapshot({
        channels: [
          channel('jobs', 'app.ts:9', { sent: 5, received: 4, queued: 1, capacity: 8, active: 1 }),
          channel('jobs', 'app.ts:9', { threadId: 3, sent: 7, received: 7, capacity: 8, active: 2 }),
          channel('jobs', 'other.ts:1', { threadId: 3, sent: 100 }),
        ],
      }),
      2000,
      'prometheus',
    );
    const s = samples(text);
    const at = '{label="jobs",kind="hotpath",site="app.ts:9"}';
    assert.equal(s.get(`hotpath_channel_sent_total${at}`), 12);
    assert.equal(s.get(`hotpath_channel_queued${at}`), 1);
    assert.equal(s.get(`hotpath_channel_capacity${at}`), 24);
    assert.equal(s.get('hotpath_channel_sent_total{label="jobs",kind="hotpath",site="other.ts:1"}'), 100);
  });

  test('a row with no call site gets an empty site label, still one series', () => {
    const s = samples(
      renderMetrics(snapshot({ channels: [channel('x', null, { sent: 3 })] }), 2000, 'prometheus'),
    );
    assert.equal(s.get('hotpath_channel_sent_total{label="x",kind="hotpath",site=""}'), 3);
  });
});

describe('the exposition format', () => {
  test('label values escape backslash, double quote and line feed', () => {
    const text = renderMetrics(
      snapshot({ channels: [channel('a\\b"c\nd', 'app.ts:1', { sent: 1 })] }),
      2000,
      'prometheus',
    );
    assert.ok(
      text.includes('hotpath_channel_sent_total{label="a\\\\b\\"c\\nd",kind="hotpath",site="app.ts:1"} 1\n'),
    );
    assert.equal(text.split('\n').filter((l) => l.includes('a\\\\b')).length, 3);
  });

  test('0.0.4 names counter families with _total; OpenMetrics without, and ends with # EOF', () => {
    const snap = snapshot({ channels: [channel('a', 'app.ts:1', { sent: 1 })], faults: 2 });
    const text = renderMetrics(snap, 2000, 'prometheus');
    assert.ok(text.includes('# TYPE hotpath_channel_sent_total counter\n'));
    assert.ok(text.includes('hotpath_faults_total 2\n'));
    assert.ok(!text.includes('# EOF'));
    const open = renderMetrics(snap, 2000, 'openmetrics');
    assert.ok(open.includes('# TYPE hotpath_channel_sent counter\n'));
    assert.ok(open.includes('hotpath_channel_sent_total{label="a",kind="hotpath",site="app.ts:1"} 1\n'));
    assert.ok(open.endsWith('# EOF\n'));
  });

  test('OpenMetrics is chosen only when Accept names it', () => {
    assert.equal(formatFor(undefined), 'prometheus');
    assert.equal(formatFor('text/plain;version=0.0.4'), 'prometheus');
    assert.equal(formatFor('*/*'), 'prometheus');
    assert.equal(
      formatFor('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5'),
      'openmetrics',
    );
  });

  test('delays are a summary in seconds; futures count each final state and the pending ones', () => {
    const delay = { samples: 10, p50Ms: 1.5, p95Ms: 20, p99Ms: 250, maxMs: 300 };
    const text = renderMetrics(
      snapshot({
        channels: [channel('a', 'app.ts:1', { delay })],
        streams: [stream('s', 12)],
        futures: [
          future('f', { calls: 9, pending: 2, resolved: 4, rejected: 2, cancelled: 1, duration: delay }),
        ],
      }),
      2000,
      'prometheus',
    );
    const s = samples(text);
    const a = 'label="a",kind="hotpath",site="app.ts:1"';
    assert.equal(s.get(`hotpath_channel_delay_seconds{${a},quantile="0.5"}`), 0.0015);
    assert.equal(s.get(`hotpath_channel_delay_seconds{${a},quantile="0.95"}`), 0.02);
    assert.equal(s.get(`hotpath_channel_delay_seconds{${a},quantile="0.99"}`), 0.25);
    assert.ok(text.includes('# TYPE hotpath_channel_delay_seconds summary'));
    assert.equal(s.get('hotpath_stream_items_total{label="s",kind="async-iterable",site="app.ts:1"}'), 12);
    const f = 'label="f",kind="future",site="app.ts:2"';
    assert.equal(s.get(`hotpath_future_calls_total{${f},state="resolved"}`), 4);
    assert.equal(s.get(`hotpath_future_calls_total{${f},state="rejected"}`), 2);
    assert.equal(s.get(`hotpath_future_calls_total{${f},state="cancelled"}`), 1);
    assert.equal(s.get(`hotpath_future_pending{${f}}`), 2);
    assert.equal(s.get(`hotpath_future_duration_seconds{${f},quantile="0.99"}`), 0.25);
  });
});

describe('functions, gauges and the runtime', () => {
  test('a labelled function: exact calls, errors and pending, its durations a summary by kind and site', () => {
    const s = samples(
      renderMetrics(
        snapshot({
          functions: [
            functionRow({
              label: 'parse',
              source: 'app/parse.ts:3',
              hasCustomLabel: true,
              calls: 10_000,
              errors: 3,
              pending: 2,
              samples: 900,
              p50Ms: 0.25,
              p95Ms: 1,
              p99Ms: 4,
              maxMs: 9,
            }),
            functionRow({ label: 'load', source: 'app/load.ts:8', kind: 'block', calls: 1 }),
          ],
        }),
        2000,
        'prometheus',
      ),
    );
    const parse = 'label="parse",kind="function",site="app/parse.ts:3"';
    assert.equal(s.get(`hotpath_function_calls_total{${parse}}`), 10_000);
    assert.equal(s.get(`hotpath_function_errors_total{${parse}}`), 3);
    assert.equal(s.get(`hotpath_function_pending{${parse}}`), 2);
    assert.equal(s.get(`hotpath_function_duration_seconds{${parse},quantile="0.5"}`), 0.00025);
    assert.equal(s.get(`hotpath_function_duration_seconds{${parse},quantile="0.99"}`), 0.004);
    assert.equal(s.get('hotpath_function_calls_total{label="load",kind="block",site="app/load.ts:8"}'), 1);
    assert.ok(![...s.keys()].some((k) => k.startsWith('hotpath_function_duration_seconds{label="load"')));
  });

  test('a gauge: current value, min, max and updates; a val without a number has updates only', () => {
    const text = renderMetrics(
      snapshot({
        gauges: [
          gaugeRow({ label: 'depth', source: 'app/q.ts:4', updates: 3, value: 3, min: -2, max: 12 }),
          gaugeRow({ label: 'user', kind: 'val', updates: 5, message: '"ada"' }),
        ],
      }),
      2000,
      'prometheus',
    );
    const s = samples(text);
    const depth = '{label="depth",kind="gauge",site="app/q.ts:4"}';
    assert.deepEqual(
      ['hotpath_value', 'hotpath_value_min', 'hotpath_value_max'].map((name) => s.get(`${name}${depth}`)),
      [3, -2, 12],
    );
    assert.equal(s.get(`hotpath_value_updates_total${depth}`), 3);
    assert.ok(text.includes('# TYPE hotpath_value gauge\n'));
    const user = '{label="user",kind="val",site=""}';
    assert.equal(s.get(`hotpath_value_updates_total${user}`), 5);
    assert.equal(s.has(`hotpath_value${user}`), false);
  });

  test('the runtime: loop delay per live thread, heap, rss, GC by kind and stalls, in seconds and bytes', () => {
    const loop = { delayP50Ms: 10.5, delayP99Ms: 20, delayMaxMs: 150, utilization: 0.25 };
    const heap = { usedBytes: 1000, totalBytes: 2000, limitBytes: 4000 };
    const thread = { name: 'main', monitored: true, utilizationHistory: [], delayP99History: [] };
    const runtime: RuntimeStats = {
      intervalMs: 1000,
      eventLoop: loop,
      heap,
      rssBytes: 5000,
      externalBytes: 0,
      arrayBuffersBytes: 0,
      gc: {
        count: 7,
        totalMs: 12,
        byKind: { minor: { count: 6, totalMs: 2 }, major: { count: 1, totalMs: 10 } },
      },
      stalls: [],
      stallCount: 4,
      activeResources: {},
      threads: [
        { ...thread, threadId: 0, alive: true, eventLoop: loop, heap },
        {
          ...thread,
          threadId: 2,
          alive: true,
          monitored: false,
          eventLoop: { delayP50Ms: null, delayP99Ms: null, delayMaxMs: null, utilization: 0.5 },
        },
        { ...thread, threadId: 3, alive: false, eventLoop: loop, heap },
      ],
    };
    const s = samples(renderMetrics(snapshot({ runtime }), 2000, 'prometheus'));
    assert.equal(s.get('hotpath_runtime_event_loop_delay_seconds{thread="0",quantile="0.5"}'), 0.0105);
    assert.equal(s.get('hotpath_runtime_event_loop_delay_seconds{thread="0",quantile="0.99"}'), 0.02);
    assert.equal(s.get('hotpath_runtime_event_loop_delay_max_seconds{thread="0"}'), 0.15);
    assert.equal(s.get('hotpath_runtime_event_loop_utilization{thread="0"}'), 0.25);
    assert.equal(s.get('hotpath_runtime_event_loop_utilization{thread="2"}'), 0.5);
    assert.equal(s.get('hotpath_runtime_heap_used_bytes{thread="0"}'), 1000);
    assert.equal(s.get('hotpath_runtime_heap_limit_bytes{thread="0"}'), 4000);
    assert.equal(s.get('hotpath_runtime_rss_bytes'), 5000);
    assert.equal(s.get('hotpath_runtime_gc_collections_total{kind="minor"}'), 6);
    assert.equal(s.get('hotpath_runtime_gc_seconds_total{kind="major"}'), 0.01);
    assert.equal(s.get('hotpath_runtime_stalls_total'), 4);
    assert.ok(![...s.keys()].some((k) => k.includes('thread="3"')), 'an exited thread has no series');
    assert.ok(![...s.keys()].some((k) => k.includes('thread="2",quantile')), 'unknown delays are left out');
  });
});

describe('HOTPATH_METRICS_SERIES_LIMIT', () => {
  const many = snapshot({
    channels: Array.from({ length: 1000 }, (_, i) =>
      channel(`c${i}`, `app.ts:${i}`, { sent: i, received: 1, queued: 2, capacity: 4 }),
    ),
    streams: Array.from({ length: 300 }, (_, i) => stream(`s${i}`, 1)),
  });

  test('sites beyond the limit fold into one (other) series per kind; totals stay exact', () => {
    const text = renderMetrics(many, 200, 'prometheus');
    const s = samples(text);
    assert.ok(s.size <= 200, `${s.size} series`);
    const sentTotal = [...s]
      .filter(([k]) => k.startsWith('hotpath_channel_sent_total'))
      .reduce((t, [, v]) => t + v, 0);
    assert.equal(sentTotal, (999 * 1000) / 2);
    const streamItems = [...s]
      .filter(([k]) => k.startsWith('hotpath_stream_items_total'))
      .reduce((t, [, v]) => t + v, 0);
    assert.equal(streamItems, 300);
    const other = 'label="(other)",kind="(other)",site="(other)"';
    assert.ok(s.has(`hotpath_channel_sent_total{${other}}`));
    assert.ok(s.has(`hotpath_stream_items_total{${other}}`));
    const kept = [...s.keys()].filter((k) => k.startsWith('hotpath_channel_sent_total')).length - 1;
    const keptStreams = [...s.keys()].filter((k) => k.startsWith('hotpath_stream_items_total')).length - 1;
    assert.equal(s.get('hotpath_metrics_folded_sites'), 1300 - kept - keptStreams);
    // Admission is in the snapshot's order: the first sites keep their own series.
    assert.ok(s.has('hotpath_channel_sent_total{label="c0",kind="hotpath",site="app.ts:0"}'));
  });

  test('as sites are added, the (other) counters only grow (they stay counters)', () => {
    const other = 'hotpath_channel_sent_total{label="(other)",kind="(other)",site="(other)"}';
    const channels = many.channels.slice(0, 400);
    const before = samples(renderMetrics(snapshot({ channels }), 200, 'prometheus')).get(other)!;
    // New sites sort ahead of the old ones (custom labels first): old sites can only move into (other).
    const added = Array.from({ length: 50 }, (_, i) => channel(`a${i}`, `new.ts:${i}`, { sent: 1 }));
    const afterwards = samples(
      renderMetrics(snapshot({ channels: [...added, ...channels] }), 200, 'prometheus'),
    );
    assert.ok(afterwards.get(other)! >= before, `${afterwards.get(other)} < ${before}`);
  });

  test('functions and gauges fold too: exact calls and updates in (other), no values or quantiles', () => {
    const text = renderMetrics(
      snapshot({
        functions: Array.from({ length: 100 }, (_, i) =>
          functionRow({ calls: i, errors: 1, p50Ms: 1, p95Ms: 1, p99Ms: 1 }),
        ),
        gauges: Array.from({ length: 100 }, (_, i) => gaugeRow({ updates: 2, value: i, min: 0, max: i })),
      }),
      150,
      'prometheus',
    );
    const s = samples(text);
    assert.ok(s.size <= 150, `${s.size} series`);
    const sum = (prefix: string) =>
      [...s].filter(([k]) => k.startsWith(prefix)).reduce((t, [, v]) => t + v, 0);
    assert.equal(sum('hotpath_function_calls_total'), (99 * 100) / 2);
    assert.equal(sum('hotpath_function_errors_total'), 100);
    assert.equal(sum('hotpath_value_updates_total'), 200);
    const other = '{label="(other)",kind="(other)",site="(other)"}';
    assert.ok(s.has(`hotpath_function_calls_total${other}`));
    assert.ok(s.has(`hotpath_value_updates_total${other}`));
    assert.equal(s.has(`hotpath_value${other}`), false);
    assert.ok(s.get('hotpath_metrics_folded_sites')! > 0);
  });

  test('under the limit nothing folds', () => {
    const s = samples(renderMetrics(many, 100_000, 'prometheus'));
    assert.equal(s.get('hotpath_metrics_folded_sites'), 0);
    assert.ok(![...s.keys()].some((k) => k.includes('(other)')));
  });
});
