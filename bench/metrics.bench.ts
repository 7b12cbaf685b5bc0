/**
 * `GET /metrics` with 10,000 distinct sites (each channel made at a call site of its own, a fifth with a
 * custom label), answered over real HTTP on loopback. The budget is < 100 ms per scrape, and the output
 * must stay under `HOTPATH_METRICS_SERIES_LIMIT` (2000 by default): both are printed and checked.
 * "raw" is `takeSnapshot()` in process, the work every answer starts from.
 *
 *   node --import tsx bench/metrics.bench.ts
 */
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { ownChannelAdapter } from '../packages/hotpath/src/channels/own.ts';
import { config } from '../packages/hotpath/src/config.ts';
import { bounded, unbounded } from '../packages/hotpath/src/primitives/index.ts';
import { takeSnapshot } from '../packages/hotpath/src/registry/snapshot.ts';
import { listenMetricsServer } from '../packages/hotpath/src/server/server.ts';
import { type BenchResult, median, quantile } from './harness.ts';

const SITES = 10_000;
const SCRAPES = 40;
const BUDGET_MS = 100;

function scrape(agent: Agent, url: string): Promise<{ ns: number; text: string; status: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          ns: Number(process.hrtime.bigint() - started),
          text: Buffer.concat(chunks).toString('utf8'),
          status: res.statusCode ?? 0,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

export async function run(): Promise<BenchResult[]> {
  const held: unknown[] = [];
  for (let i = 0; i < SITES; i++) {
    const pair = ownChannelAdapter.monitor(
      i % 3 === 0 ? bounded<number>(16) : unbounded<number>(),
      i % 5 === 0 ? { label: `worker-${i}` } : undefined,
      { source: `src/stage-${i % 300}.ts:${10 + i}`, label: `stage-${i % 300}.ts:${10 + i}` },
    ) as ReturnType<typeof unbounded<number>>;
    for (let n = 0; n < 1 + (i % 4); n++) pair[0].trySend(n);
    pair[1].tryRecv();
    held.push(pair);
  }
  const server = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  if (server === null) throw new Error('the metrics server did not start');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const raw: number[] = [];
  const times: number[] = [];
  // CPU time of this process per scrape (server and client are both here): what a busy machine's
  // scheduling does not inflate the way it inflates wall time.
  const cpu: number[] = [];
  let text = '';
  try {
    await scrape(agent, `${server.url}/metrics`); // warm-up
    for (let i = 0; i < SCRAPES; i++) {
      const started = process.hrtime.bigint();
      takeSnapshot();
      raw.push(Number(process.hrtime.bigint() - started));
      const cpuBefore = process.cpuUsage();
      const answer = await scrape(agent, `${server.url}/metrics`);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) * 1000);
      if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}`);
      times.push(answer.ns);
      text = answer.text;
    }
  } finally {
    agent.destroy();
    await server.close();
    held.length = 0;
  }
  const series = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  const folded = Number(/^hotpath_metrics_folded_sites (\d+)$/m.exec(text)?.[1]);
  const onNs = median(times);
  const medianMs = onNs / 1e6;
  const p95Ms = quantile(times, 0.95) / 1e6;
  console.log(`GET /metrics, ${SITES} sites, ${SCRAPES} scrapes (keep-alive, loopback)`);
  console.log(`  takeSnapshot() in process: median ${(median(raw) / 1e6).toFixed(2)} ms`);
  console.log(
    `  GET /metrics: median ${medianMs.toFixed(2)} ms (budget < ${BUDGET_MS} ms: ${medianMs < BUDGET_MS ? 'met' : 'MISSED'}), ` +
      `p95 ${p95Ms.toFixed(2)} ms, ${(text.length / 1024).toFixed(0)} KiB`,
  );
  console.log(
    `  CPU per scrape: median ${(median(cpu) / 1e6).toFixed(2)} ms, p95 ${(quantile(cpu, 0.95) / 1e6).toFixed(2)} ms (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(
    `  ${series} series (limit ${config.metricsSeriesLimit}: ${series <= config.metricsSeriesLimit ? 'under' : 'OVER'}), ` +
      `${folded} sites folded into (other)`,
  );
  if (series > config.metricsSeriesLimit) throw new Error(`${series} series exceed the limit`);
  return [{ name: `GET /metrics (${SITES} sites)`, baseline: 'takeSnapshot()', rawNs: median(raw), onNs }];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
