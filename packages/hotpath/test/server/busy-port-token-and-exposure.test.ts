import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { describe, test } from 'node:test';
import * as off from '../../src/off.ts';
import { isLoopback, TokenCheck } from '../../src/server/auth.ts';
import { listenMetricsServer } from '../../src/server/server.ts';
import { openEvents, request } from '../helpers/http-client.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';

function holdPort(): Promise<{ port: number; holder: Server }> {
  return new Promise((resolve) => {
    const holder = createServer().listen(0, '127.0.0.1', () => {
      resolve({ port: (holder.address() as { port: number }).port, holder });
    });
  });
}

const hotpathLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('[hotpath]'));

describe('a busy port', () => {
  test('one warning naming HOTPATH_METRICS_PORT; the program carries on and the report prints', async () => {
    const { port, holder } = await holdPort();
    try {
      const run = await runScript(scenarios('server-host.ts'), {
        HOTPATH: '1',
        HOTPATH_METRICS_SERVER_OFF: '0',
        HOTPATH_METRICS_PORT: String(port),
        HOLD: '0',
      });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(hotpathLines(run.stderr), [
        `[hotpath] warning: metrics server not started: 127.0.0.1:${port} is already in use; set HOTPATH_METRICS_PORT to a free port (0 picks any) or HOTPATH_METRICS_SERVER_OFF=1`,
      ]);
      assert.equal(run.stderr.trim().split('\n').length, 1);
      assert.match(run.stdout, /^url null$/m);
      assert.match(run.stdout, /^done \d+$/m);
      assert.match(run.stdout, /Channel Statistics[\s\S]*work/);
    } finally {
      holder.close();
    }
  });

  test('in process: the second server gets null and a warning, the first keeps serving', async () => {
    const first = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
    assert.ok(first);
    const warnings: string[] = [];
    const announced: string[] = [];
    const second = await listenMetricsServer({
      host: '127.0.0.1',
      port: Number(new URL(first.url).port),
      token: null,
      warn: (message) => warnings.push(message),
      announce: (line) => announced.push(line),
    });
    assert.equal(second, null);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /already in use; set HOTPATH_METRICS_PORT/);
    assert.deepEqual(announced, []);
    assert.equal((await request(`${first.url}/health`)).status, 200);
    await first.close();
  });

  test('a host that cannot be bound: one warning, no server', async () => {
    const warnings: string[] = [];
    const server = await listenMetricsServer({
      host: '192.0.2.1', // TEST-NET-1: never an address of this machine
      port: 0,
      token: null,
      warn: (message) => warnings.push(message),
      announce: () => {},
    });
    assert.equal(server, null);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /cannot listen on 192\.0\.2\.1:0 \(EADDRNOTAVAIL\); check HOTPATH_METRICS_HOST/,
    );
  });
});

describe('HOTPATH_METRICS_TOKEN', () => {
  test('every route needs Authorization: Bearer <token>; anything else is a 401 in JSON', async () => {
    const server = await listenMetricsServer({
      host: '127.0.0.1',
      port: 0,
      token: 'correct horse',
      announce: () => {},
    });
    assert.ok(server);
    try {
      const refused = [
        undefined,
        'Bearer wrong',
        'Bearer correct hors',
        'Bearer correct horsey',
        'correct horse',
        'Basic Y29ycmVjdCBob3JzZQ==',
        'Bearer',
        `Bearer ${'x'.repeat(4000)}`,
      ];
      for (const authorization of refused) {
        for (const [method, path] of [
          ['GET', '/snapshot'],
          ['GET', '/nope'],
          ['POST', '/health'],
          ['GET', '/events'],
        ] as const) {
          const res = await request(`${server.url}${path}`, {
            method,
            headers: authorization === undefined ? {} : { authorization },
          });
          assert.equal(res.status, 401, `${method} ${path} with ${authorization}`);
          assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
          assert.equal(res.headers['www-authenticate'], 'Bearer realm="hotpath"');
          assert.match(res.json.error, /Authorization: Bearer/);
        }
      }
      for (const authorization of [
        'Bearer correct horse',
        'bearer correct horse',
        'Bearer   correct horse  ',
      ]) {
        const res = await request(`${server.url}/channels`, { headers: { authorization } });
        assert.equal(res.status, 200, authorization);
      }
      const authorized = { authorization: 'Bearer correct horse' };
      assert.equal((await request(`${server.url}/nope`, { headers: authorized })).status, 404);
      assert.equal(
        (await request(`${server.url}/snapshot`, { method: 'PUT', headers: authorized })).status,
        405,
      );
      const events = await openEvents(`${server.url}/events`, authorized);
      assert.equal(events.status, 200);
      await events.waitFor(1);
      events.close();
    } finally {
      await server.close();
    }
  });

  test('TokenCheck compares whole tokens only', () => {
    const check = new TokenCheck('s3cret');
    assert.equal(check.accepts('Bearer s3cret'), true);
    assert.equal(check.accepts('Bearer s3cre'), false);
    assert.equal(check.accepts('Bearer s3cret2'), false);
    assert.equal(check.accepts('Token s3cret'), false);
    assert.equal(check.accepts('s3cret'), false);
    assert.equal(check.accepts(undefined), false);
    assert.equal(check.accepts(''), false);
  });

  test('end to end through the environment variable', async () => {
    let url = '';
    let child: import('node:child_process').ChildProcess | undefined;
    let resolveUrl: () => void = () => {};
    const urlKnown = new Promise<void>((resolve) => {
      resolveUrl = resolve;
    });
    const run = runScript(
      scenarios('server-host.ts'),
      {
        HOTPATH: '1',
        HOTPATH_METRICS_SERVER_OFF: '0',
        HOTPATH_METRICS_PORT: '0',
        HOTPATH_METRICS_TOKEN: 'env-token',
      },
      {
        onSpawn: (spawned) => {
          child = spawned;
          let out = '';
          spawned.stdout!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const match = /^url (\S+)$/m.exec(out);
            if (match) {
              url = match[1]!;
              resolveUrl();
            }
          });
        },
      },
    );
    await urlKnown;
    try {
      assert.equal((await request(`${url}/health`)).status, 401);
      const ok = await request(`${url}/health`, { headers: { authorization: 'Bearer env-token' } });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.status, 'ok');
    } finally {
      child!.kill('SIGUSR2');
    }
    const result = await run;
    assert.equal(result.code, 0);
    // Loopback: no exposure warning, just the banner, which names the dashboard too.
    assert.deepEqual(hotpathLines(result.stderr), [
      `[hotpath] metrics server listening on ${url} · dashboard ${url}/`,
    ]);
  });
});

describe('a host other machines can reach', () => {
  test('warns that the data is exposed, and says how to protect it', async () => {
    for (const token of [null, 'tok']) {
      const warnings: string[] = [];
      const announced: string[] = [];
      const server = await listenMetricsServer({
        host: '0.0.0.0',
        port: 0,
        token,
        warn: (message) => warnings.push(message),
        announce: (line) => announced.push(line),
      });
      assert.ok(server);
      try {
        assert.match(
          announced[0]!,
          /^\[hotpath\] metrics server listening on http:\/\/0\.0\.0\.0:\d+ · dashboard http:\/\/0\.0\.0\.0:\d+\/$/,
        );
        assert.equal(warnings.length, 1);
        assert.match(warnings[0]!, /0\.0\.0\.0, reachable from other machines/);
        assert.match(warnings[0]!, token === null ? /set HOTPATH_METRICS_TOKEN/ : /unencrypted/);
        // Bound openly on purpose: Host headers are not checked then.
        const res = await request(`http://127.0.0.1:${new URL(server.url).port}/health`, {
          headers: {
            host: 'metrics.example:80',
            ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          },
        });
        assert.equal(res.status, 200);
      } finally {
        await server.close();
      }
    }
  });

  test('loopback hosts give no warning', async () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      const warnings: string[] = [];
      const announced: string[] = [];
      const server = await listenMetricsServer({
        host,
        port: 0,
        token: null,
        warn: (message) => warnings.push(message),
        announce: (line) => announced.push(line),
      });
      if (server === null) {
        // No IPv6 on this machine: the failure is a warning, not an exposure.
        assert.match(warnings[0]!, /cannot listen/);
        continue;
      }
      assert.deepEqual(warnings, []);
      assert.equal(
        announced[0],
        `[hotpath] metrics server listening on ${server.url} · dashboard ${server.url}/`,
      );
      if (host === '::1') assert.match(server.url, /^http:\/\/\[::1\]:\d+$/);
      assert.equal((await request(`${server.url}/health`)).status, 200);
      await server.close();
    }
  });

  test('isLoopback', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      'LOCALHOST',
      'a.localhost',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ])
      assert.equal(isLoopback(host), true, host);
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '192.168.1.2',
      'example.com',
      'localhost.example.com',
      '::ffff:10.0.0.1',
    ])
      assert.equal(isLoopback(host), false, host);
  });
});

describe('no server', () => {
  test('with monitoring off, with HOTPATH_METRICS_SERVER_OFF, and in the hotpath-off build', async () => {
    const offRun = await runScript(scenarios('server-host.ts'), {
      HOLD: '0',
      HOTPATH_METRICS_SERVER_OFF: '0',
      HOTPATH_METRICS_PORT: '0',
    });
    assert.match(offRun.stdout, /^url null$/m);
    assert.equal(offRun.stderr, '');
    const serverOff = await runScript(scenarios('server-host.ts'), {
      HOTPATH: '1',
      HOLD: '0',
      HOTPATH_METRICS_SERVER_OFF: '1',
    });
    assert.match(serverOff.stdout, /^url null$/m);
    assert.equal(serverOff.stderr, '');
    assert.equal(await off.serverUrl(), null);
  });

  test('monitoring on but nothing monitored: no server is started', async () => {
    const run = await runScript(scenarios('server-import-only.ts'), {
      HOTPATH: '1',
      HOTPATH_METRICS_SERVER_OFF: '0',
      HOTPATH_METRICS_PORT: '0',
    });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, 'enabled true\n');
    assert.equal(run.stderr, '');
  });
});
