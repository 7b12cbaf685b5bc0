import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ownChannelAdapter } from '../../src/channels/own.ts';
import { unbounded } from '../../src/primitives/index.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { request } from '../helpers/http-client.ts';

let server: MetricsServer;
const held: unknown[] = [];
const INSTANCES = 30;
const LIVE = 2;

before(async () => {
  for (let i = 0; i < INSTANCES; i++) {
    const pair = ownChannelAdapter.monitor(
      unbounded<string>(),
      { label: 'per-request', log: true },
      null,
    ) as [ReturnType<typeof unbounded<string>>[0], ReturnType<typeof unbounded<string>>[1]];
    const [tx, rx] = pair;
    await tx.send(`request ${i}`);
    await rx.recv();
    if (i < INSTANCES - LIVE) {
      tx.close();
      await rx.recv().catch(() => {});
    } else held.push(tx, rx);
  }
  held.push(ownChannelAdapter.monitor(unbounded<number>(), { label: 'alone' }, null));
  const started = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  assert.ok(started);
  server = started;
});

after(() => server.close());

describe('the site view of the server', () => {
  test('/channels?by=site: one row per label with exact totals and a state count', async () => {
    const res = await request(`${server.url}/channels?by=site`);
    assert.equal(res.status, 200);
    assert.equal(res.json.total, 2);
    const [alone, site] = res.json.channels;
    assert.equal(alone.label, 'alone');
    assert.equal(alone.instances, 1);
    assert.equal(site.label, 'per-request');
    assert.equal(site.instances, INSTANCES);
    assert.equal(site.active, LIVE);
    assert.equal(site.sent, INSTANCES);
    assert.equal(site.received, INSTANCES);
    assert.equal(site.state, 'active');
    assert.deepEqual(site.states, { closed: INSTANCES - LIVE, active: LIVE });
  });

  test('/channels?site=ID lists that site’s instances, live first, with their -N labels', async () => {
    const sites = (await request(`${server.url}/channels?by=site`)).json.channels;
    const id = sites.find((row: { label: string }) => row.label === 'per-request').id;
    const res = await request(`${server.url}/channels?site=${id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.total, INSTANCES);
    const labels = res.json.channels.map((row: { label: string }) => row.label);
    assert.deepEqual(labels.slice(0, 3), ['per-request-29', 'per-request-30', 'per-request-28']);
    assert.ok(res.json.channels.every((row: { instances: number }) => row.instances === 1));
  });

  test('/channels/:siteId/logs?by=site merges the instances’ logs, newest first, naming each', async () => {
    const sites = (await request(`${server.url}/channels?by=site`)).json.channels;
    const id = sites.find((row: { label: string }) => row.label === 'per-request').id;
    const res = await request(`${server.url}/channels/${id}/logs?by=site`);
    assert.equal(res.status, 200);
    assert.equal(res.json.sentLogs.length, INSTANCES);
    assert.equal(res.json.sentLogs[0].message, "'request 29'");
    assert.equal(res.json.sentLogs[0].instance, 'per-request-30');
  });

  test('/snapshot?by=site says so; bad by or site values are 400s naming the parameter', async () => {
    const snapshot = (await request(`${server.url}/snapshot?by=site`)).json;
    assert.equal(snapshot.by, 'site');
    assert.equal(snapshot.channels.length, 2);
    const instances = (await request(`${server.url}/snapshot`)).json;
    assert.equal(instances.by, undefined);
    assert.equal(instances.channels.length, INSTANCES + 1);
    for (const path of ['/snapshot?by=label', '/channels?site=abc', '/events?by=x']) {
      const res = await request(`${server.url}${path}`);
      assert.equal(res.status, 400, path);
      assert.match(res.json.error, /^(by|site) must be/);
    }
    assert.equal((await request(`${server.url}/channels/999/logs?by=site`)).status, 404);
  });
});
