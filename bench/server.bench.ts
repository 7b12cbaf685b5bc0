/**
 * The metrics server under load: 10,000 channels registered, `/channels` answered over real HTTP on
 * loopback. "raw" is `takeSnapshot()` called directly (the work any answer starts from); "on" is the
 * whole HTTP round trip, client parsing included. Payload sizes show what `limit` bounds.
 *
 *   node --import tsx bench/server.bench.ts
 */
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { ownChannelAdapter } from '../packages/hotpath/src/channels/own.ts';
import { bounded, unbounded } from '../packages/hotpath/src/primitives/index.ts';
import { takeSnapshot } from '../packages/hotpath/src/registry/snapshot.ts';
import { listenMetricsServer } from '../packages/hotpath/src/server/server.ts';
import { type BenchResult, median } from './harness.ts';

const CHANNELS = 10_000;
const ROUNDS = 5;
const REQUESTS_PER_ROUND = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function get(agent: Agent, url: string): Promise<{ ns: number; bytes: number; status: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    request(url, { agent }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        chunks.push(chunk);
      });
      res.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve({ ns: Number(process.hrtime.bigint() - started), bytes, status: res.statusCode ?? 0 });
      });
    })
      .on('error', reject)
      .end();
  });
}

export async function run(): Promise<BenchResult[]> {
  // Realistic rows: a few hundred call sites, labels on some, traffic on all, each kept alive.
  const held: unknown[] = [];
  for (let i = 0; i < CHANNELS; i++) {
    const pair = ownChannelAdapter.monitor(
      i % 3 === 0 ? bounded<number>(16) : unbounded<number>(),
      i % 5 === 0 ? { label: `worker-${i % 200}` } : undefined,
      {
        source: `src/pipeline/stage-${i % 300}.ts:${10 + (i % 40)}`,
        label: `pipeline/stage-${i % 300}.ts:${10 + (i % 40)}`,
      },
    ) as ReturnType<typeof unbounded<number>>;
    for (let n = 0; n < i % 4; n++) pair[0].trySend(n);
    pair[1].tryRecv();
    held.push(pair);
  }
  const server = await listenMetricsServer({ host: '127.0.0.1', port: 0, token: null, announce: () => {} });
  if (server === null) throw new Error('the metrics server did not start');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const routes = [
    { name: '/channels (10k channels, default limit 1000)', path: '/channels' },
    { name: '/channels?limit=100 (10k channels)', path: '/channels?limit=100' },
    { name: '/channels?limit=100000 (all 10k channels)', path: '/channels?limit=100000' },
    { name: '/snapshot (10k channels, default limit 1000)', path: '/snapshot' },
    { name: '/channels?by=site (10k channels at ~500 sites)', path: '/channels?by=site' },
  ];
  const raw: number[] = [];
  const bySite: number[] = [];
  let rowsSeen = 0;
  let sitesSeen = 0;
  const times = new Map<string, number[]>(routes.map((route) => [route.path, []]));
  const sizes = new Map<string, number>();
  try {
    for (const route of routes) await get(agent, `${server.url}${route.path}`); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        const started = process.hrtime.bigint();
        rowsSeen = takeSnapshot().channels.length;
        raw.push(Number(process.hrtime.bigint() - started));
        const siteStarted = process.hrtime.bigint();
        sitesSeen = takeSnapshot('site').channels.length;
        bySite.push(Number(process.hrtime.bigint() - siteStarted));
        for (const route of routes) {
          const { ns, bytes, status } = await get(agent, `${server.url}${route.path}`);
          if (status !== 200) throw new Error(`${route.path} answered ${status}`);
          times.get(route.path)!.push(ns);
          sizes.set(route.path, bytes);
        }
      }
    }
  } finally {
    agent.destroy();
    await server.close();
    // Referenced until here, so that no channel is collected (and folded into a summary) mid-run.
    held.length = 0;
  }
  const rawNs = median(raw);
  if (rowsSeen !== CHANNELS) throw new Error(`expected ${CHANNELS} rows, saw ${rowsSeen}`);
  console.log(
    `metrics server, ${CHANNELS} channels, ${ROUNDS * REQUESTS_PER_ROUND} requests per route (keep-alive, loopback)`,
  );
  console.log(`  takeSnapshot() in process: median ${(rawNs / 1e6).toFixed(2)} ms`);
  console.log(
    `  takeSnapshot('site') in process: median ${(median(bySite) / 1e6).toFixed(2)} ms for ${sitesSeen} site rows`,
  );
  const results: BenchResult[] = [];
  for (const route of routes) {
    const samples = times.get(route.path)!;
    const onNs = median(samples);
    console.log(
      `  GET ${route.path.padEnd(24)} median ${(onNs / 1e6).toFixed(2)} ms, p95 ${(percentile(samples, 95) / 1e6).toFixed(2)} ms, ` +
        `${(sizes.get(route.path)! / 1024).toFixed(0)} KiB, ${(onNs / rawNs).toFixed(2)}× takeSnapshot()`,
    );
    results.push({ name: `server ${route.name}`, baseline: 'takeSnapshot()', rawNs, onNs });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
