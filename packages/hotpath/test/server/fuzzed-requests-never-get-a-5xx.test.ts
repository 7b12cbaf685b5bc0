import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { ownChannelAdapter } from '../../src/channels/own.ts';
import { unbounded } from '../../src/primitives/index.ts';
import { faultCount } from '../../src/registry/faults.ts';
import { listenMetricsServer, type MetricsServer } from '../../src/server/server.ts';
import { eventually, request } from '../helpers/http-client.ts';

/**
 * A few thousand malformed, odd, huge, slow and aborted requests over raw sockets. Whatever comes back
 * must be a 4xx or 2xx (never a 5xx), no internal fault may be counted, and the server must still answer
 * afterwards with no connection left behind.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const REQUESTS = 3000;
const CONCURRENCY = 48;
/** A client that got no answer by then is dropped (it counts as an aborted client). */
const PATIENCE_MS = 400;

let server: MetricsServer;
let port: number;
const held: unknown[] = [];

before(async () => {
  for (let i = 0; i < 20; i++)
    held.push(ownChannelAdapter.monitor(unbounded(), { label: `c${i}`, log: true }, null));
  const started = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  assert.ok(started);
  server = started;
  port = Number(new URL(server.url).port);
});

after(() => server.close());

/** mulberry32: small, seeded, good enough to pick cases reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const bytes = (n: number, from = 0, to = 256) =>
  Buffer.from(Array.from({ length: n }, () => from + int(to - from)));

const ROUTES = [
  '/',
  '/health',
  '/snapshot',
  '/channels',
  '/streams',
  '/futures',
  '/events',
  '/channels/1/logs',
  '/streams/1/logs',
  '/futures/1/calls',
  '/metrics',
];
const BAD_ESCAPES = [
  '%',
  '%z',
  '%zz',
  '%E0%A4',
  '%C0%AF',
  '%ED%A0%80',
  '%%',
  '%2',
  '%u0041',
  '%FF%FE',
  '%00',
];
const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PRI',
  'get',
  'G E T',
  'GETT',
  'ÄÖÜ',
  'M-SEARCH',
  'PROPFIND',
  'X'.repeat(300),
  '',
];
const PARAMS = ['limit', 'offset', 'intervalMs', 'li%6Dit', 'x'];
const VALUES = [
  '1',
  '0',
  '-1',
  '100000',
  '100001',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '',
  '%zz',
  '9'.repeat(40),
  '1.5',
  ' 5',
  '+1',
];

interface Case {
  kind: string;
  chunks: Buffer[];
  /** Milliseconds between chunks (slow clients). */
  gapMs?: number;
  /** Drop the connection after sending, without waiting for an answer. */
  abort?: boolean;
}

function randomPath(): string {
  switch (int(6)) {
    case 0:
      return `/${bytes(1 + int(40), 0x21, 0x7f).toString('latin1')}`;
    case 1:
      return `${pick(ROUTES)}/${pick(BAD_ESCAPES)}`;
    case 2:
      return `/${Array.from({ length: 1 + int(8) }, () => pick(['channels', '..', '.', '', '%2F', '1', 'logs', '%2e%2e'])).join('/')}`;
    case 3:
      return `${pick(ROUTES)}?${Array.from({ length: int(6) }, () => `${pick(PARAMS)}=${pick(VALUES)}`).join(pick(['&', '&&', ';', '&=&']))}`;
    case 4:
      return pick([
        '*',
        'http://127.0.0.1/health',
        'https://x/snapshot?limit=1',
        '//evil/health',
        'health',
        '/?#frag',
        '/health#x?y',
      ]);
    default:
      return `${pick(ROUTES)}${pick(BAD_ESCAPES)}`;
  }
}

function request1(method: string, path: string, headers: string[] = [], version = 'HTTP/1.1'): Buffer {
  return Buffer.from(
    `${method} ${path} ${version}\r\nHost: 127.0.0.1\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`,
    'latin1',
  );
}

function makeCase(): Case {
  const roll = int(100);
  if (roll < 25) return { kind: 'random path', chunks: [request1('GET', randomPath())] };
  if (roll < 35)
    return {
      kind: 'random bytes as path',
      chunks: [Buffer.concat([Buffer.from('GET /'), bytes(1 + int(200)), Buffer.from(' HTTP/1.1\r\n\r\n')])],
    };
  if (roll < 42)
    return {
      kind: 'huge path',
      chunks: [request1('GET', `/${'a'.repeat(pick([5000, 9000, 17000, 70000]))}`)],
    };
  if (roll < 52) return { kind: 'odd method', chunks: [request1(pick(METHODS), pick(ROUTES))] };
  if (roll < 60) {
    const headers = pick([
      [`X-Long: ${'v'.repeat(pick([1000, 15000, 40000]))}`],
      Array.from({ length: pick([100, 2500]) }, (_, i) => `X-H${i}: ${i}`),
      ['NoColonHere'],
      ['Bad\u0000Header: 1'],
      [`Authorization: Bearer ${'t'.repeat(5000)}`],
      ['Content-Length: 5', 'Transfer-Encoding: chunked'],
      ['Content-Length: -1'],
      ['Host: second-host'],
      ['Content-Length: 10000'],
    ]);
    return { kind: 'odd headers', chunks: [request1('GET', pick(ROUTES), headers)] };
  }
  if (roll < 65) {
    return {
      kind: 'odd version',
      chunks: [
        request1(
          'GET',
          pick(ROUTES),
          [],
          pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTX/1.1', '', 'HTTP/1.1 extra']),
        ),
      ],
    };
  }
  if (roll < 72) {
    const whole = request1(pick(['GET', 'HEAD']), pick(ROUTES));
    const cut = 1 + int(whole.length - 2);
    return { kind: 'aborted mid-request', chunks: [whole.subarray(0, cut)], abort: true };
  }
  if (roll < 76)
    return { kind: 'aborted after sending', chunks: [request1('GET', pick(ROUTES))], abort: true };
  if (roll < 80) {
    const whole = request1('GET', `${pick(ROUTES)}?limit=${1 + int(5)}`);
    const size = 1 + int(12);
    const chunks: Buffer[] = [];
    for (let i = 0; i < whole.length; i += size) chunks.push(whole.subarray(i, i + size));
    return { kind: 'slow client', chunks, gapMs: 2 };
  }
  if (roll < 85)
    return {
      kind: 'pipelined then garbage',
      chunks: [Buffer.concat([request1('GET', '/health'), request1('GET', '/channels?limit=2'), bytes(50)])],
    };
  if (roll < 88)
    return {
      kind: 'chunked body',
      chunks: [
        Buffer.from(
          'POST /snapshot HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
        ),
      ],
    };
  if (roll < 91) return { kind: 'pure garbage', chunks: [bytes(1 + int(500))] };
  return {
    kind: 'events with random params',
    chunks: [request1('GET', `/events?intervalMs=${pick(VALUES)}&limit=${pick(VALUES)}`)],
  };
}

interface Outcome {
  kind: string;
  status: number | null;
  statusLine: string;
}

function run(testCase: Case): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (status: number | null, statusLine = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ kind: testCase.kind, status, statusLine });
    };
    const timer = setTimeout(
      () => finish(null),
      PATIENCE_MS + (testCase.gapMs ?? 0) * testCase.chunks.length,
    );
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n');
      if (end === -1) return;
      const statusLine = received.slice(0, end);
      const match = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine);
      finish(match === null ? -1 : Number(match[1]), statusLine);
    });
    socket.on('connect', async () => {
      for (const chunk of testCase.chunks) {
        if (settled) return;
        socket.write(chunk);
        if (testCase.gapMs !== undefined) await new Promise((r) => setTimeout(r, testCase.gapMs));
      }
      if (testCase.abort) finish(null);
    });
  });
}

test(`${REQUESTS} malformed requests: never a 5xx, the server stays up (seed ${SEED})`, async (t) => {
  const faultsBefore = faultCount();
  const cases = Array.from({ length: REQUESTS }, makeCase);
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) outcomes.push(await run(cases[next++]!));
    }),
  );

  const bad = outcomes.filter(
    (outcome) => outcome.status !== null && (outcome.status >= 500 || outcome.status < 100),
  );
  assert.deepEqual(bad, [], 'every answer is a well-formed 1xx–4xx');
  const answered = outcomes.filter((outcome) => outcome.status !== null);
  const byKind = new Map<string, Set<number | null>>();
  for (const outcome of outcomes) {
    const seen = byKind.get(outcome.kind) ?? new Set();
    seen.add(outcome.status);
    byKind.set(outcome.kind, seen);
  }
  for (const [kind, statuses] of byKind) t.diagnostic(`${kind}: ${[...statuses].join(' ')}`);
  // Most cases get an answer (the rest are the aborted ones and the incomplete ones we gave up on).
  assert.ok(answered.length > REQUESTS * 0.6, `${answered.length} of ${REQUESTS} answered`);
  assert.ok(byKind.get('odd method')!.has(405), 'odd methods were really answered 405');
  assert.ok(byKind.get('random path')!.has(400) && byKind.get('random path')!.has(404));
  assert.ok(byKind.get('huge path')!.has(431));
  assert.ok(byKind.get('slow client')!.has(200), 'slow clients were served in the end');
  assert.equal(faultCount(), faultsBefore, 'no internal fault was counted');

  // Still up and serving, and nothing is left open.
  const health = await request(`${server.url}/health`);
  assert.equal(health.status, 200);
  assert.ok(server.server.listening);
  await eventually(
    () => new Promise<boolean>((resolve) => server.server.getConnections((_, count) => resolve(count === 0))),
  );
  await eventually(() => server.hub.stats().subscribers === 0 && server.hub.stats().timers === 0);
});

test('a client too slow to finish its headers gets a 408 and is disconnected', async () => {
  const slow = await listenMetricsServer({
    host: '127.0.0.1',
    port: 0,
    token: null,
    announce: () => {},
    requestTimeoutMs: 300,
  });
  assert.ok(slow);
  try {
    const socket = connect(Number(new URL(slow.url).port), '127.0.0.1');
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let received = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => {
      received += chunk;
    });
    await new Promise((resolve) => socket.on('close', resolve));
    assert.match(received, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.match(received, /\{"error":"request not received in time"\}$/);
  } finally {
    await slow.close();
  }
});
