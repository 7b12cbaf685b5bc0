import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ROUTE_ROWS, RouteRows } from '../../src/auto/route-rows.ts';
import { routeShape } from '../../src/auto/route-shape.ts';
import { futureRegistry, futureRows } from '../../src/registry/futures.ts';

describe('routeShape', () => {
  test('ids in the path fold to :id; the query and fragment are dropped', () => {
    assert.equal(routeShape('/users/42'), '/users/:id');
    assert.equal(routeShape('/users/42/posts/7?page=2#top'), '/users/:id/posts/:id');
    assert.equal(routeShape('/orders/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f'), '/orders/:id');
    assert.equal(routeShape('/blobs/5f1d7a2b9c3e4d6f8a0b1c2d'), '/blobs/:id');
    assert.equal(routeShape('/commits/a1b2c3d4'), '/commits/:id');
  });

  test('words stay, even hex-looking ones without a digit, and the root is /', () => {
    assert.equal(routeShape('/api/v2/users/me'), '/api/v2/users/me');
    assert.equal(routeShape('/feedface/deadbeef'), '/feedface/deadbeef');
    assert.equal(routeShape(''), '/');
    assert.equal(routeShape('/?x=1'), '/');
  });

  test('a long path is cut, so a label cannot be as long as a client likes', () => {
    assert.ok(routeShape(`/${'a'.repeat(5000)}`).length <= 121);
  });
});

describe('RouteRows', () => {
  test('100k distinct routes: a bounded number of rows, and the calls over them exact', () => {
    const rows = new RouteRows('http-server');
    for (let i = 0; i < 100_000; i++) {
      const call = futureRegistry.begin(rows.row('GET', `/search/word-${i.toString(36)}x`), false);
      futureRegistry.end(call, 'resolved', undefined, undefined);
    }
    const http = futureRows().filter((row) => row.kind === 'http-server');
    assert.equal(http.length, MAX_ROUTE_ROWS + 1);
    assert.equal(
      http.reduce((sum, row) => sum + row.calls, 0),
      100_000,
    );
    const other = http.find((row) => row.label === '(other routes)');
    assert.equal(other?.calls, 100_000 - MAX_ROUTE_ROWS);
  });
});
