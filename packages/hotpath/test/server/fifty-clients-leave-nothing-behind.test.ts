import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { ownChannelAdapter } from '../../src/channels/own.ts';
import { unbounded } from '../../src/primitives/index.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { eventually, openEvents } from '../helpers/http-client.ts';

let server: MetricsServer;
const held: unknown[] = [];

before(async () => {
  for (let i = 0; i < 50; i++) held.push(ownChannelAdapter.monitor(unbounded(), { label: `c${i}` }, null));
  const started = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  assert.ok(started);
  server = started;
});

after(() => server.close());

const connections = () =>
  new Promise<number>((resolve) => server.server.getConnections((_, count) => resolve(count)));

test('50 clients at once, subscribers that connect and drop: no socket or timer is left', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 25 });
  const port = Number(new URL(server.url).port);
  const json = (path: string) =>
    new Promise<number>((resolve, reject) => {
      httpRequest(`${server.url}${path}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
  // A raw subscriber that vanishes mid-stream, without a FIN.
  const vanishing = () =>
    new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write('GET /events?intervalMs=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      socket.once('data', () => {
        socket.resetAndDestroy();
        resolve();
      });
    });

  const [subscribers, statuses] = await Promise.all([
    Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        openEvents(`${server.url}/events?intervalMs=${[100, 250, 1000][i % 3]}&limit=3`),
      ),
    ),
    Promise.all(
      Array.from({ length: 30 }, (_, i) => json(['/snapshot', '/channels?limit=7', '/health'][i % 3]!)),
    ),
    Promise.all(Array.from({ length: 5 }, vanishing)),
  ]);
  assert.deepEqual(new Set(statuses), new Set([200]));
  await Promise.all(subscribers.map((subscriber) => subscriber.waitFor(2)));
  assert.ok((await connections()) > 15, 'the clients were really connected at once');

  // The subscribers go one way or another; the keep-alive sockets close with their agent.
  for (const subscriber of subscribers) subscriber.close();
  agent.destroy();
  await eventually(async () => (await connections()) === 0);
  await eventually(() => server.hub.stats().subscribers === 0);
  const { timers, intervalsMs, bufferedBytes } = server.hub.stats();
  assert.deepEqual({ timers, intervalsMs, bufferedBytes }, { timers: 0, intervalsMs: [], bufferedBytes: 0 });
});

test("the server's own handles never hold the process, even with a subscriber connected", async () => {
  const count = (kind: string) => process.getActiveResourcesInfo().filter((name) => name === kind).length;
  const sockets = count('TCPSocketWrap');
  const timeouts = count('Timeout');
  const subscriber = await openEvents(`${server.url}/events?intervalMs=100`);
  await subscriber.waitFor(2);
  assert.equal(server.hub.stats().subscribers, 1);
  // What keeps this process alive now is the test's own client socket, nothing on the server's side:
  // not the listening socket, not the accepted connection, not the feed or heartbeat timers.
  assert.equal(count('TCPServerWrap'), 0);
  assert.equal(count('TCPSocketWrap'), sockets + 1);
  assert.equal(count('Timeout'), timeouts);
  subscriber.close();
  await eventually(() => server.hub.stats().timers === 0);
});
