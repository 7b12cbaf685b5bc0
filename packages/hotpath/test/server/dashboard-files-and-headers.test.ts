/**
 * `GET /` serves the web dashboard to a browser (and the route list to everyone else), with a strict
 * Content-Security-Policy; its files load without the token, the data never does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the dashboard files', () => {
  let server: MetricsServer;
  const announced: string[] = [];

  before(async () => {
    const started = await listenMetricsServer({
      host: '127.0.0.1',
      port: 0,
      token: 'files-token',
      announce: (line) => announced.push(line),
    });
    assert.ok(started);
    server = started;
  });
  after(() => server.close());

  test('a browser gets the page under a CSP that allows only its own origin; other clients the route list', async () => {
    const page = await fetch(`${server.url}/`, { headers: { Accept: HTML } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const rule of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
    ])
      assert.ok(csp.includes(rule), `${rule} in ${csp}`);
    assert.ok(!csp.includes('unsafe'), csp);
    const html = await page.text();
    assert.match(html, /<script type="module" src="dashboard\/app\.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\//, 'the page names no other origin');

    // The route list is for programs; without `Accept: text/html` it is what `/` still answers (with the token).
    const list = await fetch(`${server.url}/`, { headers: { Authorization: 'Bearer files-token' } });
    assert.equal(list.status, 200);
    assert.ok(((await list.json()) as { routes: string[] }).routes.includes('/events'));
  });

  test('the script and style sheet load without the token, gzipped when asked; data needs the token', async () => {
    for (const [path, type] of [
      ['/dashboard/app.js', /^text\/javascript/],
      ['/dashboard/app.css', /^text\/css/],
    ] as const) {
      const plain = await fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'identity' } });
      assert.equal(plain.status, 200, path);
      assert.match(plain.headers.get('content-type') ?? '', type);
      const body = Buffer.from(await plain.arrayBuffer());
      assert.ok(body.length > 1000, path);
      assert.doesNotMatch(
        body.toString(),
        /https?:\/\/(?!www\.w3\.org)[a-z]/i,
        `${path} names no other origin`,
      );
      const packed = await fetch(`${server.url}${path}`);
      assert.equal(packed.headers.get('content-encoding'), 'gzip');
      assert.deepEqual(Buffer.from(await packed.arrayBuffer()), body);
    }
    for (const path of ['/snapshot', '/events', '/channels']) {
      assert.equal((await fetch(`${server.url}${path}`, { headers: { Accept: HTML } })).status, 401, path);
    }
    assert.equal((await fetch(`${server.url}/dashboard/other.js`)).status, 401);
    assert.deepEqual(announced, [
      `[hotpath] metrics server listening on ${server.url} · dashboard ${server.url}/`,
    ]);
  });

  test('the gzipped script is the same file, much smaller', async () => {
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(`${server.url}/dashboard/app.js`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    });
    assert.equal(raw.encoding, 'gzip');
    const unpacked = gunzipSync(raw.body);
    assert.ok(raw.body.length < unpacked.length / 2);
    assert.ok(raw.body.length < 250 * 1024, `the script is ${raw.body.length} B gzipped`);
  });
});
