/**
 * A real Prometheus (Debian's `prometheus` package, which `.ci/run` installs) scrapes a monitored program
 * for a few seconds; its query API must return the program's exact counts, and `promtool` must accept the
 * exposition. Prometheus negotiates OpenMetrics, so this covers that format; promtool reads 0.0.4.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from '../helpers/http-client.ts';
import { scenarios } from '../helpers/run-script.ts';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const SENT = 37;
const LABEL = 'orders "eu"\\west';

let host: ChildProcess;
let hostUrl: string;
let prometheus: ChildProcess | null = null;
let prometheusUrl: string;
let prometheusLog = '';
let dir: string;

before(async () => {
  assert.ok(
    existsSync(PROMETHEUS) && existsSync(PROMTOOL),
    `${PROMETHEUS} and ${PROMTOOL} are needed: apt-get install prometheus (.ci/run does it)`,
  );
  dir = mkdtempSync(join(tmpdir(), 'hotpath-prometheus-'));
  ({ child: host, url: hostUrl } = await startHost());
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  const target = new URL(hostUrl).host;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: hotpath',
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  prometheus.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    prometheusLog = (prometheusLog + chunk).slice(-4000);
  });
});

after(async () => {
  await stop(prometheus);
  await stop(host);
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('a real Prometheus scraping /metrics', () => {
  test('its query API returns the exact hotpath_channel_sent_total of a labelled channel', async () => {
    // A few seconds of scraping: wait until Prometheus holds at least three samples of the series.
    const selector = `hotpath_channel_sent_total{label=${promqlString(LABEL)}}`;
    const samples = await until(async () => {
      const result = await query(`count_over_time(${selector}[1m])`);
      const n = result.length === 1 ? Number(result[0].value[1]) : 0;
      return n >= 3 ? n : null;
    }, 40_000);
    assert.ok(samples >= 3);
    const result = await query(selector);
    assert.equal(result.length, 1, JSON.stringify(result));
    assert.equal(result[0].value[1], String(SENT));
    assert.equal(result[0].metric.kind, 'hotpath');
    assert.match(result[0].metric.site, /metrics-host\.ts:\d+$/);
    // Two instances of one site arrive as one series with their sum.
    const jobs = await query('hotpath_channel_sent_total{label="jobs"}');
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0].value[1], '20');
    const items = await query('hotpath_stream_items_total{label="numbers"}');
    assert.equal(items[0]?.value[1], '12');
    const resolved = await query('sum(hotpath_future_calls_total{label="lookup",state="resolved"})');
    assert.equal(resolved[0]?.value[1], '1');
    const parse = await query('hotpath_function_calls_total{label="parse",kind="function"}');
    assert.equal(parse[0]?.value[1], '25');
    const errors = await query('hotpath_function_errors_total{label="parse"}');
    assert.equal(errors[0]?.value[1], '3');
    const depth = await query('hotpath_value{label="depth"} + hotpath_value_max{label="depth"}');
    assert.equal(depth[0]?.value[1], '15', 'value 3, max 12');
    const heap = await query('hotpath_runtime_heap_used_bytes{thread="0"}');
    assert.ok(Number(heap[0]?.value[1]) > 0, JSON.stringify(heap));
    const up = await query('up{job="hotpath"}');
    assert.equal(up[0]?.value[1], '1');
  });

  test('promtool check metrics accepts the exposition', async () => {
    const res = await request(`${hostUrl}/metrics`);
    assert.equal(res.status, 200);
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: res.text, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
    assert.equal(`${check.stdout}${check.stderr}`.trim(), '', 'no lint complaints either');
  });
});

async function query(promql: string): Promise<any[]> {
  const res = await request(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, 'success');
  return res.json.data.result;
}

/** A PromQL string literal: double-quoted, backslash and double quote escaped. */
function promqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

async function until<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch (error) {
      last = error; // Prometheus not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Prometheus did not get there in ${timeoutMs} ms (${String(last)})\n${prometheusLog}`);
}

function startHost(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', scenarios('metrics-host.ts')], {
      env: {
        ...process.env,
        HOTPATH: '1',
        HOTPATH_METRICS_PORT: '0',
        HOTPATH_REPORT: 'off',
        SENT: String(SENT),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const match = /^url (\S+)$/m.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`host exited (${code}) before its URL\n${out}\n${err}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess | null | undefined): Promise<void> {
  if (child == null || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
