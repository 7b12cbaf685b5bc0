import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { MetricsFeed } from '../../src/client/feed.ts';
import { SseParser } from '../../src/client/sse.ts';
import { startDemo } from '../helpers/demo.ts';
import { waitFor } from '../helpers/wait.ts';

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

test('live snapshots from the demo over /events, logs by id, then Stale with the reason when it exits', async () => {
  const demo = await startDemo(30);
  const feed = new MetricsFeed(
    { host: demo.url.hostname, port: Number(demo.url.port), token: null },
    { refreshMs: 200, limit: 1000 },
  ).start();
  try {
    const jobs = await waitFor('a snapshot with the jobs channel', () =>
      feed.current().snapshot?.channels.find((row) => row.label === 'jobs'),
    );
    assert.equal(feed.current().phase, 'live');
    assert.equal(feed.current().transport, 'events');
    const firstSent = jobs.sent;
    await waitFor(
      'jobs to move on',
      () => (feed.current().snapshot?.channels.find((r) => r.id === jobs.id)?.sent ?? 0) > firstSent,
    );

    // The feed's rows are sites (`by=site`): their ids number sites, so logs are asked for by site.
    assert.equal(feed.current().snapshot?.by, 'site');
    const logs = (await feed.fetchDetail('channels', jobs.id, true)) as { sentLogs: { message: string }[] };
    assert.ok(logs.sentLogs.length > 0);
    assert.match(logs.sentLogs[0]!.message, /kind: '(resize|encode|index)'/);
    await assert.rejects(feed.fetchDetail('channels', 999_999), /no channel with id 999999/);
    await assert.rejects(feed.fetchDetail('channels', 999_999, true), /no channel site with id 999999/);
    const instances = (await feed.fetchInstances('channels', jobs.id)) as { channels: { label: string }[] };
    assert.deepEqual(
      instances.channels.map((row) => row.label),
      ['jobs'],
    );

    demo.child.kill('SIGKILL');
    await waitFor('the feed to notice', () => feed.current().phase === 'stale');
    assert.match(feed.current().problem!, /closed the connection|nothing is listening/);
    assert.ok(feed.current().snapshot !== null, 'the last data stays');
  } finally {
    feed.close();
    demo.child.kill('SIGKILL');
  }
});

test('nothing listening: Connecting, with the port named and what to do', async () => {
  const probe = createServer();
  const port = await listen(probe);
  probe.close();
  await once(probe, 'close');
  const feed = new MetricsFeed(
    { host: '127.0.0.1', port, token: null },
    { refreshMs: 200, limit: 10 },
  ).start();
  try {
    await waitFor('a failed attempt', () => feed.current().problem);
    assert.equal(feed.current().phase, 'connecting');
    assert.equal(
      feed.current().problem,
      `nothing is listening on 127.0.0.1:${port} — start your program with HOTPATH=1`,
    );
  } finally {
    feed.close();
  }
});

test('another program on the port: polling is tried, then it is named as not a hotpath server', async () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hello</h1>');
  });
  const port = await listen(server);
  const feed = new MetricsFeed(
    { host: '127.0.0.1', port, token: null },
    { refreshMs: 200, limit: 10 },
  ).start();
  try {
    await waitFor('a failed attempt', () => feed.current().problem);
    assert.equal(feed.current().transport, 'polling');
    assert.match(
      feed.current().problem!,
      /not as a hotpath metrics server \(another program on that port\?\)/,
    );
    assert.ok(seen.some((url) => url.startsWith('/events?intervalMs=200')));
    assert.ok(seen.some((url) => url.startsWith('/snapshot?limit=10')));
  } finally {
    feed.close();
    server.closeAllConnections();
    server.close();
  }
});

test('a server that wants a token: the reason says which variable to set, and the token is sent', async () => {
  const auth: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    auth.push(req.headers.authorization);
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"missing or wrong token"}');
  });
  const port = await listen(server);
  const without = new MetricsFeed(
    { host: '127.0.0.1', port, token: null },
    { refreshMs: 200, limit: 10 },
  ).start();
  const wrong = new MetricsFeed(
    { host: '127.0.0.1', port, token: 's3cret' },
    { refreshMs: 200, limit: 10 },
  ).start();
  try {
    await waitFor('both to fail', () => without.current().problem && wrong.current().problem);
    assert.equal(
      without.current().problem,
      `127.0.0.1:${port} wants a token — set HOTPATH_METRICS_TOKEN to the program's token`,
    );
    assert.match(wrong.current().problem!, /refused the token/);
    assert.ok(auth.includes('Bearer s3cret'));
  } finally {
    without.close();
    wrong.close();
    server.closeAllConnections();
    server.close();
  }
});

test('the SSE reader: events split anywhere across chunks, comments skipped, CRLF accepted', () => {
  const events: [string, string][] = [];
  const parser = new SseParser((event, data) => events.push([event, data]));
  const text =
    ': hello\n\nevent: snapshot\r\ndata: {"a":1}\r\n\r\nevent: snapshot\ndata: {"b":\ndata: 2}\n\n: heartbeat\n\n';
  for (let i = 0; i < text.length; i += 3) parser.push(text.slice(i, i + 3));
  assert.deepEqual(events, [
    ['snapshot', '{"a":1}'],
    ['snapshot', '{"b":\n2}'],
  ]);
});
