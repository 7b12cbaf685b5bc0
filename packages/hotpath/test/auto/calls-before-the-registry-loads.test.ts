/**
 * The preload does not load the future registry until the first HTTP call: calls that begin and end
 * before it has loaded are replayed into it with their own times and states, and calls that end after
 * it has loaded end there, as if it had been there all along.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { beginCall, endCall } from '../../src/auto/calls.ts';
import { futureRows } from '../../src/registry/futures.ts';

const row = (label: string) => futureRows().find((r) => r.label === label);

test('early calls: counts, states, status classes and durations as if the registry had been loaded', async () => {
  const served = beginCall('http-server', 'GET', '/early');
  const unanswered = beginCall('http-server', 'GET', '/early');
  const refused = beginCall('http-client', 'GET', 'http://127.0.0.1:9');
  assert.equal(row('GET /early'), undefined, 'nothing in the registry yet: it is loading');
  await sleep(40);
  endCall(served, 'resolved', 200);
  endCall(served, 'cancelled'); // a second end is ignored, as for any call
  endCall(refused, 'rejected');

  const early = await (async () => {
    for (let i = 0; i < 400 && row('GET /early') === undefined; i++) await sleep(25);
    return row('GET /early');
  })();
  assert.ok(early, 'replayed once the registry loaded');
  assert.deepEqual(
    [early.kind, early.calls, early.pending, early.resolved, early.cancelled, early.statusClasses?.['2xx']],
    ['http-server', 2, 1, 1, 0, 1],
  );
  // Timed from its own start, not from the replay: at least the 40 ms it waited (generous margin).
  assert.ok((early.duration?.maxMs ?? 0) >= 30, `duration ${early.duration?.maxMs}`);
  assert.deepEqual(
    [row('GET http://127.0.0.1:9')?.rejected, row('GET http://127.0.0.1:9')?.kind],
    [1, 'http-client'],
  );

  endCall(unanswered, 'resolved', 404);
  const after = row('GET /early');
  assert.deepEqual([after?.pending, after?.resolved, after?.statusClasses?.['4xx']], [0, 2, 1]);
  // Once loaded, calls go straight to the registry.
  endCall(beginCall('http-server', 'GET', '/early'), 'resolved', 200);
  assert.equal(row('GET /early')?.calls, 3);
});
