import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { trackFuture } from '../../src/futures/future.ts';
import { wrapFunction } from '../../src/futures/future-fn.ts';
import { takeSnapshot } from '../../src/registry/snapshot.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { request } from '../helpers/http-client.ts';

let server: MetricsServer;
const held: unknown[] = [];

before(async () => {
  const fetchUser = wrapFunction(async (id: number) => ({ id }), { label: 'fetch-user', log: true }, null);
  await fetchUser(1);
  await fetchUser(2);
  await (trackFuture(Promise.reject(new Error('down')), { label: 'flaky' }, null) as Promise<void>).then(
    () => {},
    () => {},
  );
  held.push(trackFuture(new Promise(() => {}), { label: 'stuck' }, null));
  const started = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  assert.ok(started);
  server = started;
});

after(() => server.close());

test('/futures serves the real rows, /futures/:id/calls their recent calls', async () => {
  const res = await request(`${server.url}/futures`);
  assert.equal(res.status, 200);
  assert.equal(res.json.total, 3);
  assert.deepEqual(res.json.futures, takeSnapshot().futures);
  const byLabel = new Map<string, any>(res.json.futures.map((row: any) => [row.label, row]));
  assert.deepEqual(
    ['fetch-user', 'flaky', 'stuck'].map((label) => {
      const { calls, pending, resolved, rejected } = byLabel.get(label);
      return [label, calls, pending, resolved, rejected];
    }),
    [
      ['fetch-user', 2, 0, 2, 0],
      ['flaky', 1, 0, 0, 1],
      ['stuck', 1, 1, 0, 0],
    ],
  );
  const calls = await request(`${server.url}/futures/${byLabel.get('fetch-user').id}/calls`);
  assert.equal(calls.status, 200);
  assert.deepEqual(
    calls.json.calls.map((call: any) => [call.state, call.result]),
    [
      ['resolved', '{ id: 2 }'],
      ['resolved', '{ id: 1 }'],
    ],
  );
  const stuck = await request(`${server.url}/futures/${byLabel.get('stuck').id}/calls`);
  assert.equal(stuck.json.calls[0].state, 'pending');
  assert.ok(stuck.json.calls[0].durationMs >= 0);
  const snapshot = await request(`${server.url}/snapshot`);
  assert.deepEqual(snapshot.json.totals, { channels: 0, streams: 0, futures: 3 });
});
