import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ownChannelAdapter } from '../../src/channels/own.ts';
import { bounded } from '../../src/primitives/index.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { request } from '../helpers/http-client.ts';

let server: MetricsServer;
const held: unknown[] = [];
const auth = { Authorization: 'Bearer s3cret' };

before(async () => {
  const [tx, rx] = ownChannelAdapter.monitor(bounded<number>(8), { label: 'route' }, null) as ReturnType<
    typeof bounded<number>
  >;
  for (let i = 0; i < 5; i++) await tx.send(i);
  await rx.recv();
  held.push(tx, rx);
  const started = await listenMetricsServer({
    host: '127.0.0.1',
    port: 0,
    token: 's3cret',
    announce: () => {},
  });
  assert.ok(started);
  server = started;
});

after(() => server.close());

describe('GET /metrics', () => {
  test('serves the registry as Prometheus text 0.0.4 with the exact counts', async () => {
    const res = await request(`${server.url}/metrics`, { headers: auth });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(res.text, /^hotpath_channel_sent_total\{label="route",kind="hotpath",site=""\} 5$/m);
    assert.match(res.text, /^hotpath_channel_received_total\{label="route",kind="hotpath",site=""\} 1$/m);
    assert.match(res.text, /^hotpath_channel_queued\{label="route",kind="hotpath",site=""\} 4$/m);
    assert.match(res.text, /^hotpath_channel_capacity\{label="route",kind="hotpath",site=""\} 8$/m);
  });

  test('answers OpenMetrics when Accept asks for it, as Prometheus does', async () => {
    const res = await request(`${server.url}/metrics`, {
      headers: {
        ...auth,
        Accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5',
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/openmetrics-text; version=1.0.0; charset=utf-8');
    assert.ok(res.text.endsWith('# EOF\n'));
  });

  test('needs the token like every route', async () => {
    const res = await request(`${server.url}/metrics`);
    assert.equal(res.status, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="hotpath"');
    assert.ok(!res.text.includes('hotpath_channel_sent_total'));
  });

  test('refuses a Host header naming another host like every route', async () => {
    const res = await request(`${server.url}/metrics`, { headers: { ...auth, Host: 'attacker.example' } });
    assert.equal(res.status, 403);
  });

  test('HEAD gets the headers alone; / lists the route', async () => {
    const head = await request(`${server.url}/metrics`, { method: 'HEAD', headers: auth });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.ok(Number(head.headers['content-length']) > 0);
    const index = await request(`${server.url}/`, { headers: auth });
    assert.ok(index.json.routes.includes('/metrics'));
  });
});
