import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { ownChannelAdapter } from '../../src/channels/own.ts';
import { type Receiver, type Sender, unbounded } from '../../src/primitives/index.ts';
import { takeSnapshot } from '../../src/registry/snapshot.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { eventually, openEvents, request } from '../helpers/http-client.ts';

let server: MetricsServer;
let tx: Sender<number>;
let rx: Receiver<number>;
const others: unknown[] = [];

before(async () => {
  [tx, rx] = ownChannelAdapter.monitor(unbounded<number>(), { label: 'counted' }, null) as [
    Sender<number>,
    Receiver<number>,
  ];
  for (let i = 0; i < 3; i++)
    others.push(ownChannelAdapter.monitor(unbounded(), { label: `other-${i}` }, null));
  const started = await listenMetricsServer({
    host: '127.0.0.1',
    port: 0,
    token: null,
    announce: () => {},
    heartbeatMs: 150,
  });
  assert.ok(started);
  server = started;
});

after(() => server.close());

const idle = () => {
  const { subscribers, timers } = server.hub.stats();
  return subscribers === 0 && timers === 0;
};

test('a snapshot event arrives at once, then one per interval, with limit and totals', async () => {
  const stream = await openEvents(`${server.url}/events?intervalMs=100&limit=2`);
  assert.equal(stream.status, 200);
  assert.equal(stream.headers['content-type'], 'text/event-stream');
  assert.equal(stream.headers['cache-control'], 'no-cache');
  const [first] = await stream.waitFor(1);
  assert.equal(first!.event, 'snapshot');
  const snapshot = JSON.parse(first!.data!);
  assert.equal(snapshot.channels.length, 2);
  assert.deepEqual(snapshot.totals, { channels: 4, streams: 0, futures: 0 });
  const { elapsedMs: _, ...expected } = takeSnapshot();
  const { elapsedMs: __, totals: ___, ...got } = snapshot;
  assert.deepEqual(got, { ...expected, channels: expected.channels.slice(0, 2) });

  // What flows between two events shows in the next one.
  await tx.send(1);
  await tx.send(2);
  await rx.recv();
  const before = stream.events.length;
  await stream.waitFor(before + 2);
  const latest = stream.events
    .filter((event) => event.event === 'snapshot')
    .map((event) => JSON.parse(event.data!))
    .at(-1);
  const counted = latest.channels.find((row: { label: string }) => row.label === 'counted');
  assert.deepEqual([counted.sent, counted.received, counted.queued], [2, 1, 1]);
  stream.close();
  await eventually(idle);
});

test('heartbeat comments keep a quiet feed visibly alive', async () => {
  const stream = await openEvents(`${server.url}/events?intervalMs=10000`);
  await stream.waitFor(2, 3000);
  assert.equal(stream.events[0]!.event, 'snapshot');
  assert.deepEqual(stream.events[1], { event: null, data: null, comments: ['heartbeat'] });
  stream.close();
  await eventually(idle);
});

test('intervalMs is clamped to 100..10000; subscribers of one interval share one timer', async () => {
  const streams = await Promise.all([
    openEvents(`${server.url}/events?intervalMs=1`),
    openEvents(`${server.url}/events?intervalMs=-5`),
    openEvents(`${server.url}/events?intervalMs=99999999`),
    openEvents(`${server.url}/events`),
    openEvents(`${server.url}/events?intervalMs=1000.4`),
  ]);
  await Promise.all(streams.map((stream) => stream.waitFor(1)));
  // 100, 1000 and 10000 ms feeds plus the heartbeat: four timers for five subscribers.
  const { subscribers, timers, intervalsMs } = server.hub.stats();
  assert.deepEqual(
    { subscribers, timers, intervalsMs },
    { subscribers: 5, timers: 4, intervalsMs: [100, 1000, 10000] },
  );
  for (const stream of streams) stream.close();
  await eventually(idle);
  assert.deepEqual(server.hub.stats().intervalsMs, []);
});

test('HEAD /events answers the headers and ends', async () => {
  const res = await request(`${server.url}/events`, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/event-stream');
  assert.equal(res.text, '');
  assert.ok(idle());
});

test('a subscriber that stops reading is skipped, not buffered for', async () => {
  // Big frames (2000 rows with long labels), ten a second, to a client that never reads: without the
  // skip, tens of megabytes would pile up in the response within a second or two.
  const bulk: unknown[] = [];
  for (let i = 0; i < 2000; i++) {
    bulk.push(ownChannelAdapter.monitor(unbounded(), { label: `bulk-${'x'.repeat(1000)}-${i}` }, null));
  }
  const frameBytes = JSON.stringify(takeSnapshot()).length;
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  socket.on('error', () => {});
  socket.pause();
  socket.write('GET /events?intervalMs=100&limit=100000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await eventually(() => server.hub.stats().subscribers === 1);
  let most = 0;
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    most = Math.max(most, server.hub.stats().bufferedBytes);
  }
  assert.ok(most > 0, 'the client never fell behind, so nothing was tested');
  assert.ok(most <= 2 * frameBytes, `${most} bytes buffered for frames of ${frameBytes}`);
  socket.destroy();
  await eventually(idle);
  bulk.length = 0;
});
