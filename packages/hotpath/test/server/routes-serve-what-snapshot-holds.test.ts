import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ownChannelAdapter } from '../../src/channels/own.ts';
import { bounded, oneshot, unbounded } from '../../src/primitives/index.ts';
import { channelLogs } from '../../src/registry/channels.ts';
import { takeSnapshot } from '../../src/registry/snapshot.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { request } from '../helpers/http-client.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
let server: MetricsServer;
const held: unknown[] = [];

before(async () => {
  for (let i = 0; i < 4; i++) {
    const [tx, rx] = ownChannelAdapter.monitor(
      unbounded<string>(),
      { label: `logged-${i}`, log: true },
      null,
    ) as [ReturnType<typeof unbounded<string>>[0], ReturnType<typeof unbounded<string>>[1]];
    for (let n = 0; n <= i; n++) await tx.send(`message ${i}.${n}`);
    await rx.recv();
    held.push(tx, rx);
  }
  held.push(ownChannelAdapter.monitor(bounded<number>(3), { label: 'quiet' }, null));
  held.push(ownChannelAdapter.monitor(oneshot<number>(), undefined, null));
  const started = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  assert.ok(started);
  server = started;
});

after(() => server.close());

/** The snapshot without the one field that moves between two looks at an idle registry. */
function still(snapshot: { elapsedMs: number }): unknown {
  const { elapsedMs: _, ...rest } = snapshot;
  return rest;
}

describe('every route returns what snapshot() holds', () => {
  test('/snapshot is takeSnapshot() with totals, taken between two direct looks', async () => {
    const before = takeSnapshot();
    const res = await request(`${server.url}/snapshot`);
    const afterwards = takeSnapshot();
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], JSON_TYPE);
    const { totals, ...body } = res.json;
    assert.deepEqual(still(body), still(before));
    assert.deepEqual(totals, { channels: 6, streams: 0, futures: 0 });
    assert.ok(body.elapsedMs >= before.elapsedMs && body.elapsedMs <= afterwards.elapsedMs);
    assert.equal(body.channels.length, 6);
  });

  test('/snapshot?limit=N cuts every list to N rows, totals stay full', async () => {
    const full = takeSnapshot();
    const res = await request(`${server.url}/snapshot?limit=2`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.channels, full.channels.slice(0, 2));
    assert.deepEqual(res.json.totals, { channels: 6, streams: 0, futures: 0 });
  });

  test('/channels pages through the same rows with offset and limit', async () => {
    const full = takeSnapshot();
    const page = await request(`${server.url}/channels?offset=1&limit=3`);
    assert.equal(page.status, 200);
    assert.equal(page.json.total, 6);
    assert.equal(typeof page.json.elapsedMs, 'number');
    assert.deepEqual(page.json.channels, full.channels.slice(1, 4));
    assert.deepEqual(Object.keys(page.json).sort(), ['channels', 'elapsedMs', 'total']);
    const all = await request(`${server.url}/channels`);
    assert.deepEqual(all.json.channels, full.channels);
    const beyond = await request(`${server.url}/channels?offset=100`);
    assert.deepEqual(beyond.json, { elapsedMs: beyond.json.elapsedMs, total: 6, channels: [] });
  });

  test('/streams and /futures have the same shape', async () => {
    for (const kind of ['streams', 'futures']) {
      const res = await request(`${server.url}/${kind}?limit=5&offset=0`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, {
        elapsedMs: res.json.elapsedMs,
        total: 0,
        [kind]: takeSnapshot()[kind as 'streams'],
      });
    }
  });

  test('/channels/:id/logs returns that channel’s entries', async () => {
    const rows = takeSnapshot().channels;
    for (const row of rows) {
      const res = await request(`${server.url}/channels/${row.id}/logs`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, channelLogs(row.id));
    }
    const logged = rows.find((row) => row.label === 'logged-2')!;
    const logs = (await request(`${server.url}/channels/${logged.id}/logs`)).json;
    assert.deepEqual(
      logs.sentLogs.map((entry: { message: string }) => entry.message),
      ["'message 2.2'", "'message 2.1'", "'message 2.0'"],
    );
    assert.equal(logs.receivedLogs.length, 1);
    const quiet = rows.find((row) => row.label === 'quiet')!;
    assert.deepEqual((await request(`${server.url}/channels/${quiet.id}/logs`)).json, {
      id: quiet.id,
      sentLogs: [],
      receivedLogs: [],
    });
  });

  test('/health', async () => {
    const res = await request(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['elapsedMs', 'pid', 'schemaVersion', 'status']);
    assert.equal(res.json.status, 'ok');
    assert.equal(res.json.pid, process.pid);
    assert.equal(res.json.schemaVersion, 1);
    assert.ok(res.json.elapsedMs > 0);
  });

  test('GET / lists the routes', async () => {
    const res = await request(`${server.url}/`);
    assert.equal(res.status, 200);
    assert.ok(res.json.routes.includes('/channels/:id/logs'));
  });

  test('paths are percent-decoded per segment and a trailing slash is ignored', async () => {
    assert.equal((await request(`${server.url}/chan%6Eels/`)).json.total, 6);
    assert.equal((await request(`${server.url}/channels?li%6Dit=1`)).json.channels.length, 1);
  });

  test('HEAD answers the headers of GET without a body', async () => {
    // A body that does not move with time (elapsedMs would change the length between two requests).
    const logged = takeSnapshot().channels.find((row) => row.label === 'logged-1')!;
    const path = `${server.url}/channels/${logged.id}/logs`;
    const get = await request(path);
    const head = await request(path, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.equal(head.headers['content-type'], JSON_TYPE);
    assert.equal(Number(head.headers['content-length']), Buffer.byteLength(get.text));
    const headList = await request(`${server.url}/channels`, { method: 'HEAD' });
    assert.equal(headList.status, 200);
    assert.equal(headList.text, '');
    assert.ok(Number(headList.headers['content-length']) > 100);
  });
});

describe('errors are JSON with the right status', () => {
  const cases: [string, string, number, RegExp][] = [
    ['GET', '/nope', 404, /no route \/nope/],
    ['GET', '/channels/1', 404, /no route/],
    ['GET', '/channels/1/logs/more', 404, /no route/],
    ['GET', '/channels/abc/logs', 400, /channel id must be a positive integer/],
    ['GET', '/channels/0/logs', 400, /positive integer/],
    ['GET', '/channels/-1/logs', 400, /positive integer/],
    ['GET', '/channels/99999999999999999999/logs', 400, /positive integer/],
    ['GET', '/channels/424242/logs', 404, /no channel with id 424242/],
    ['GET', '/streams/x/logs', 400, /stream id/],
    ['GET', '/streams/7/logs', 404, /no stream with id 7/],
    ['GET', '/futures/x/calls', 400, /future id/],
    ['GET', '/futures/7/calls', 404, /no future with id 7/],
    ['GET', '/snapshot?limit=0', 400, /limit must be an integer from 1 to 100000/],
    ['GET', '/snapshot?limit=100001', 400, /limit/],
    ['GET', '/channels?limit=abc', 400, /limit/],
    ['GET', '/channels?limit=', 400, /limit/],
    ['GET', '/channels?limit=1.5', 400, /limit/],
    ['GET', '/channels?offset=-1', 400, /offset must be an integer/],
    ['GET', '/channels?limit=1&limit=2', 400, /given more than once/],
    ['GET', '/events?intervalMs=soon', 400, /intervalMs must be a number/],
    ['GET', '/events?limit=0', 400, /limit/],
    ['GET', '/%E0%A4%A', 400, /percent-encoding/],
    ['GET', '/channels?limit=%zz', 400, /percent-encoding/],
    ['POST', '/snapshot', 405, /method POST not allowed/],
    ['DELETE', '/channels/1/logs', 405, /not allowed/],
    ['OPTIONS', '/', 405, /not allowed/],
  ];
  for (const [method, path, status, message] of cases) {
    test(`${method} ${path} → ${status}`, async () => {
      const res = await request(`${server.url}${path}`, { method });
      assert.equal(res.status, status);
      assert.equal(res.headers['content-type'], JSON_TYPE);
      assert.match(res.json.error, message);
      if (status === 405) assert.equal(res.headers.allow, 'GET, HEAD');
    });
  }

  test('unknown query parameters are ignored', async () => {
    assert.equal((await request(`${server.url}/channels?_=123&limit=1`)).json.channels.length, 1);
  });

  test('a Host header naming another machine is refused (DNS rebinding), loopback names pass', async () => {
    const rebinding = await request(`${server.url}/snapshot`, { headers: { host: 'evil.example:80' } });
    assert.equal(rebinding.status, 403);
    assert.match(rebinding.json.error, /loopback/);
    for (const host of ['localhost:1', '127.0.0.1', '[::1]:9', 'app.localhost']) {
      assert.equal((await request(`${server.url}/health`, { headers: { host } })).status, 200, host);
    }
  });
});
