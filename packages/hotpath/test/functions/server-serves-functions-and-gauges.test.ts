import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { measureFunction } from '../../src/functions/measure.ts';
import { gaugeRegistry } from '../../src/registry/gauges.ts';
import { takeSnapshot } from '../../src/registry/snapshot.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { request } from '../helpers/http-client.ts';

let server: MetricsServer;

before(async () => {
  const double = measureFunction((n: number) => n * 2, { label: 'route-double', log: true }, null);
  for (let n = 1; n <= 3; n++) double(n);
  const gauge = gaugeRegistry.create('gauge', 'route-depth', null);
  for (let n = 1; n <= 4; n++) gauge.setNumber(n * 10, n);
  const started = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  assert.ok(started);
  server = started;
});

after(() => server.close());

describe('routes for functions and gauges', () => {
  test('/functions and /gauges list what the snapshot holds', async () => {
    const snapshot = takeSnapshot();
    const [functions, gauges] = await Promise.all([
      request(`${server.url}/functions`),
      request(`${server.url}/gauges`),
    ]);
    assert.equal(functions.status, 200);
    assert.equal(functions.json.total, 1);
    const { percentOfWall: _, ...served } = functions.json.functions[0];
    const { percentOfWall: __, ...direct } = snapshot.functions![0]!;
    assert.deepEqual(served, direct);
    assert.equal(direct.calls, 3);
    assert.deepEqual(gauges.json.gauges, snapshot.gauges);
    assert.deepEqual(gauges.json.gauges[0].history, [10, 20, 30, 40]);
    const totals = (await request(`${server.url}/snapshot?limit=1`)).json.totals;
    assert.deepEqual([totals.functions, totals.gauges], [1, 1]);
  });

  test('/functions/:id/logs has the logged return values, /gauges/:id/logs the updates, newest first', async () => {
    const [fnId, gaugeId] = [takeSnapshot().functions![0]!.id, takeSnapshot().gauges![0]!.id];
    const fnLogs = await request(`${server.url}/functions/${fnId}/logs`);
    assert.deepEqual(
      fnLogs.json.logs.map((entry: { index: number; message: string }) => [entry.index, entry.message]),
      [
        [3, '6'],
        [2, '4'],
        [1, '2'],
      ],
    );
    const gaugeLogs = await request(`${server.url}/gauges/${gaugeId}/logs`);
    assert.deepEqual(
      gaugeLogs.json.logs.map((entry: { message: string }) => entry.message),
      ['40', '30', '20', '10'],
    );
  });

  test('unknown ids are a 404, bad ids a 400, and GET / lists the new routes', async () => {
    assert.equal((await request(`${server.url}/functions/999/logs`)).status, 404);
    assert.equal((await request(`${server.url}/gauges/abc/logs`)).status, 400);
    const routes = (await request(`${server.url}/`)).json.routes;
    for (const route of ['/functions', '/functions/:id/logs', '/gauges', '/gauges/:id/logs'])
      assert.ok(routes.includes(route), route);
  });
});
