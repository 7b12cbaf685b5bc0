import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatFor, renderMetrics } from '../../src/export/prometheus.ts';
import { siteGroups } from '../../src/export/site-groups.ts';
import type { ChannelRow, FutureRow, Snapshot, StreamRow } from '../../src/types.ts';

let nextId = 1;

function channelRow(label: string, source: string | null, fields: Partial<ChannelRow> = {}): ChannelRow {
  return {
    id: nextId++,
    label,
    source,
    hasCustomLabel: true,
    instances: 1,
    kind: 'hotpath',
    type: 'number',
    capacity: null,
    state: 'active',
    sent: 0,
    received: 0,
    queued: 0,
    queuedBytes: null,
    delay: null,
    createdMs: 0,
    ...fields,
  };
}

function streamRow(label: string, yielded: number): StreamRow {
  return {
    id: nextId++,
    label,
    source: 'app.ts:1',
    hasCustomLabel: true,
    instances: 1,
    kind: 'async-iterator',
    state: 'active',
    yielded,
    createdMs: 0,
    firstItemMs: null,
    itemsPerSecond: null,
    consumerWaitMs: null,
    producerWaitMs: null,
  };
}

function futureRow(label: string, fields: Partial<FutureRow>): FutureRow {
  return {
    id: nextId++,
    label,
    source: 'app.ts:2',
    hasCustomLabel: true,
    instances: 1,
    kind: 'future',
    calls: 0,
    pending: 0,
    resolved: 0,
    rejected: 0,
    cancelled: 0,
    duration: null,
    ...fields,
  };
}

function snapshot(parts: Partial<Snapshot>): Snapshot {
  return {
    schemaVersion: 1,
    pid: 1,
    elapsedMs: 0,
    channels: [],
    streams: [],
    futures: [],
    faults: 0,
    ...parts,
  };
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
  test("a site's instances (label, label-2, label-3) and its folded summary row sum into one series", () => {
    const text = renderMetrics(
      snapshot({
        channels: [
          channelRow('jobs', 'app.ts:9', { instances: 40, sent: 4000, received: 4000, state: 'closed' }),
          channelRow('jobs', 'app.ts:9', { sent: 7, received: 2, queued: 5, capacity: 8 }),
          channelRow('jobs-2', 'app.ts:9', { sent: 3, received: 3, capacity: 8 }),
          channelRow('jobs-3', 'app.ts:9', { sent: 1, received: 0, queued: 1, capacity: 8, state: 'closed' }),
        ],
      }),
      2000,
      'prometheus',
    );
    const s = samples(text);
    const at = '{label="jobs",kind="hotpath",site="app.ts:9"}';
    assert.equal(s.get(`hotpath_channel_sent_total${at}`), 4011);
    assert.equal(s.get(`hotpath_channel_received_total${at}`), 4005);
    assert.equal(s.get(`hotpath_channel_queued${at}`), 6);
    assert.equal(s.get(`hotpath_channel_capacity${at}`), 16, 'capacity of the two open instances');
    assert.equal([...s.keys()].filter((k) => k.startsWith('hotpath_channel_sent_total')).length, 1);
  });

  test('a custom label that itself ends in -2 stays its own site; other sources stay apart', () => {
    const groups = siteGroups(
      snapshot({
        channels: [
          channelRow('worker-2', 'a.ts:1', { sent: 1 }),
          channelRow('worker', 'b.ts:1', { sent: 2 }),
          channelRow('worker-2', 'c.ts:1', { sent: 4 }),
          channelRow('worker', 'c.ts:1', { sent: 8 }),
        ],
      }),
      2000,
    );
    assert.deepEqual(
      groups.channels.map((g) => [g.label, g.site, g.sent]),
      [
        ['worker-2', 'a.ts:1', 1],
        ['worker', 'b.ts:1', 2],
        ['worker', 'c.ts:1', 12],
      ],
    );
  });

  test('a row with no call site gets an empty site label, still one series', () => {
    const s = samples(
      renderMetrics(snapshot({ channels: [channelRow('x', null, { sent: 3 })] }), 2000, 'prometheus'),
    );
    assert.equal(s.get('hotpath_channel_sent_total{label="x",kind="hotpath",site=""}'), 3);
  });
});

describe('the exposition format', () => {
  test('label values escape backslash, double quote and line feed', () => {
    const text = renderMetrics(
      snapshot({ channels: [channelRow('a\\b"c\nd', 'app.ts:1', { sent: 1 })] }),
      2000,
      'prometheus',
    );
    assert.ok(
      text.includes('hotpath_channel_sent_total{label="a\\\\b\\"c\\nd",kind="hotpath",site="app.ts:1"} 1\n'),
    );
    assert.equal(text.split('\n').filter((l) => l.includes('a\\\\b')).length, 3);
  });

  test('0.0.4 names counter families with _total; OpenMetrics without, and ends with # EOF', () => {
    const snap = snapshot({ channels: [channelRow('a', 'app.ts:1', { sent: 1 })], faults: 2 });
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
        channels: [channelRow('a', 'app.ts:1', { delay })],
        streams: [streamRow('s', 12)],
        futures: [
          futureRow('f', { calls: 9, pending: 2, resolved: 4, rejected: 2, cancelled: 1, duration: delay }),
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
    assert.equal(s.get('hotpath_stream_items_total{label="s",kind="async-iterator",site="app.ts:1"}'), 12);
    const f = 'label="f",kind="future",site="app.ts:2"';
    assert.equal(s.get(`hotpath_future_calls_total{${f},state="resolved"}`), 4);
    assert.equal(s.get(`hotpath_future_calls_total{${f},state="rejected"}`), 2);
    assert.equal(s.get(`hotpath_future_calls_total{${f},state="cancelled"}`), 1);
    assert.equal(s.get(`hotpath_future_pending{${f}}`), 2);
    assert.equal(s.get(`hotpath_future_duration_seconds{${f},quantile="0.99"}`), 0.25);
  });
});

describe('HOTPATH_METRICS_SERIES_LIMIT', () => {
  const many = snapshot({
    channels: Array.from({ length: 1000 }, (_, i) =>
      channelRow(`c${i}`, `app.ts:${i}`, { sent: i, received: 1, queued: 2, capacity: 4 }),
    ),
    streams: Array.from({ length: 300 }, (_, i) => streamRow(`s${i}`, 1)),
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

  test('under the limit nothing folds', () => {
    const s = samples(renderMetrics(many, 100_000, 'prometheus'));
    assert.equal(s.get('hotpath_metrics_folded_sites'), 0);
    assert.ok(![...s.keys()].some((k) => k.includes('(other)')));
  });
});
