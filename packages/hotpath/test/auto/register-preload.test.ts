/**
 * `node --import hotpath/register app.js`, alone (no `hotpath run`): the program has no hotpath import,
 * and its HTTP traffic is in the report, bounded and exact; with monitoring off the preload does nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FutureRow, Snapshot } from '../../src/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..', '..');
const FIXTURE = join(here, 'fixture-server.mjs');

function preload(args: string[], env: NodeJS.ProcessEnv, conditions: string[] = []) {
  const result = spawnSync(
    process.execPath,
    [...conditions, '--import', 'hotpath/register', FIXTURE, ...args],
    {
      cwd: packageDir,
      env: { ...process.env, HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'json', ...env },
      timeout: 60_000,
      encoding: 'utf8',
    },
  );
  assert.equal(result.status, 0, result.stderr);
  return result;
}

const report = (stdout: string) => JSON.parse(stdout) as Snapshot;
const byLabel = (rows: FutureRow[], pattern: RegExp) => rows.filter((row) => pattern.test(row.label));

describe('hotpath/register on its own', () => {
  test('1,500 distinct URLs: at most 500 route rows plus one (other routes), totals exact', () => {
    const { stdout } = preload(['distinct', '1500'], { HOTPATH: '1' });
    const rows = report(stdout).futures.filter((row) => row.kind === 'http-server');
    assert.equal(rows.length, 501);
    assert.equal(
      rows.reduce((sum, row) => sum + row.calls, 0),
      1500,
    );
    assert.equal(
      rows.reduce((sum, row) => sum + (row.statusClasses?.['2xx'] ?? 0), 0),
      1500,
    );
    const clients = report(stdout).futures.filter((row) => row.kind === 'http-client');
    assert.equal(
      clients.reduce((sum, row) => sum + row.calls, 0),
      1500,
    );
  });

  test('an abandoned request is cancelled, a refused one rejected, an aborted fetch cancelled', () => {
    const rows = report(preload(['endings'], { HOTPATH: '1' }).stdout).futures;
    const [served] = byLabel(rows, /^GET \/hang$/);
    // Two requests reached /hang: the http.get the client destroyed, and the aborted fetch.
    assert.deepEqual([served?.calls, served?.cancelled, served?.resolved, served?.pending], [2, 2, 0, 0]);
    const [hangGet] = byLabel(rows, /^GET http:\/\/127\.0\.0\.1:\d+\/hang$/);
    // destroy() before a response makes the request emit 'error' (socket hang up): the call is rejected.
    assert.equal(hangGet?.rejected, 1);
    assert.equal(hangGet?.pending, 0);
    const gets = byLabel(rows, /^GET http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.deepEqual([gets[0]?.calls, gets[0]?.rejected], [1, 1]);
    const fetches = byLabel(rows, /^GET http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(
      fetches.reduce((sum, row) => sum + row.rejected, 0),
      1,
      'the refused fetch',
    );
    assert.equal(
      fetches.reduce((sum, row) => sum + row.cancelled, 0),
      1,
      'the aborted fetch',
    );
  });

  test('monitoring off, HOTPATH_AUTO=none, or the hotpath-off condition: nothing subscribed, nothing printed', () => {
    for (const [env, conditions] of [
      [{ HOTPATH: undefined }, []],
      [{ HOTPATH: '1', HOTPATH_AUTO: 'none' }, []],
      [{ HOTPATH: '1' }, ['-C', 'hotpath-off']],
    ] as const) {
      const result = preload(['subscribers'], env, [...conditions]);
      assert.equal(result.stdout, '[false,false,false]\n', JSON.stringify(env));
      assert.equal(result.stderr, '');
    }
  });
});
