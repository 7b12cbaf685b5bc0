/**
 * `hotpath run`'s budgets. The same HTTP server (bench/fixtures/http-server.mjs, no hotpath import) runs
 * in several processes — raw, with the preload and `HOTPATH_AUTO=http,fetch`, and with `http,fetch,streams`
 * — and one keep-alive client loads them interleaved round by round (`measure`), so a busy machine slows
 * them alike. The last case answers through a stream made per request: what `streams` costs at worst. ns/op is per request, the client's share included (what a load test would see).
 * Then the preload's startup cost: `node -e 0` with and without `--import hotpath/register`.
 *
 *   node --import tsx bench/run.bench.ts
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchResult, measure, median } from './harness.ts';

const SERVER = fileURLToPath(new URL('fixtures/http-server.mjs', import.meta.url));
const REGISTER = new URL('../packages/hotpath/dist/auto/register.js', import.meta.url).href;
const CONCURRENCY = 16;

interface Started {
  child: ChildProcess;
  port: number;
}

function startServer(
  env: NodeJS.ProcessEnv,
  preload: boolean,
  mode: 'end' | 'stream' = 'end',
): Promise<Started> {
  const child = spawn(process.execPath, [...(preload ? ['--import', REGISTER] : []), SERVER, mode], {
    env: { ...process.env, HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, port: Number(chunk.toString().trim()) }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** `ops` requests over `CONCURRENCY` keep-alive connections. */
function load(port: number, agent: Agent) {
  return async (ops: number) => {
    let next = 0;
    const worker = async () => {
      while (next < ops) {
        const id = next++;
        await new Promise<void>((resolve, reject) => {
          request({ host: '127.0.0.1', port, path: `/items/${id}`, agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          })
            .on('error', reject)
            .end();
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
}

function startupNs(preload: boolean): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...(preload ? ['--import', REGISTER] : []), '-e', '0'], {
    env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'off' },
  });
  if (result.status !== 0) throw new Error(result.stderr.toString());
  return Number(process.hrtime.bigint() - started);
}

export async function run(): Promise<BenchResult[]> {
  const raw = await startServer({ HOTPATH: undefined }, false);
  const http = await startServer({ HOTPATH: '1', HOTPATH_AUTO: 'http,fetch' }, true);
  const streams = await startServer({ HOTPATH: '1', HOTPATH_AUTO: 'http,fetch,streams' }, true);
  const rawStream = await startServer({ HOTPATH: undefined }, false, 'stream');
  const streamsStream = await startServer(
    { HOTPATH: '1', HOTPATH_AUTO: 'http,fetch,streams' },
    true,
    'stream',
  );
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const results: BenchResult[] = [];
  const cases: [string, Started, Started, number | undefined][] = [
    ['HTTP server, keep-alive (HOTPATH_AUTO=http,fetch)', raw, http, 0.95],
    ['HTTP server, keep-alive (HOTPATH_AUTO=http,fetch,streams)', raw, streams, 0.9],
    [
      'HTTP server answering through a stream per request (HOTPATH_AUTO=http,fetch,streams)',
      rawStream,
      streamsStream,
      undefined,
    ],
  ];
  try {
    for (const [name, bare, monitored, throughput] of cases) {
      results.push(
        await measure({
          name: `hotpath run: ${name}`,
          ops: 2000,
          rounds: 11,
          minRoundMs: 100,
          variants: { raw: load(bare.port, agent), on: load(monitored.port, agent) },
          // A throughput floor of x is a time-per-request ceiling of 1/x.
          ...(throughput === undefined ? {} : { budget: { onRatio: 1 / throughput } }),
        }),
      );
    }
  } finally {
    agent.destroy();
    for (const server of [raw, http, streams, rawStream, streamsStream]) server.child.kill();
  }
  // Interleaved, one of each per round; the first of each is warm-up.
  const bare: number[] = [];
  const preloaded: number[] = [];
  for (let round = 0; round < 16; round++) {
    const withFirst = round % 2 === 0;
    const a = startupNs(withFirst);
    const b = startupNs(!withFirst);
    if (round === 0) continue;
    (withFirst ? preloaded : bare).push(a);
    (withFirst ? bare : preloaded).push(b);
  }
  results.push({
    name: 'preload startup: node --import hotpath/register -e 0 (HOTPATH=1)',
    baseline: 'node -e 0',
    rawNs: median(bare),
    onNs: median(preloaded),
    budget: { onExtraNs: 30e6 },
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run();
  for (const result of results) {
    const ratio = result.onNs / result.rawNs;
    const extraMs = (result.onNs - result.rawNs) / 1e6;
    console.log(
      `${result.name}: raw ${(result.rawNs / 1e3).toFixed(1)} µs, on ${(result.onNs / 1e3).toFixed(1)} µs, ` +
        `${result.baseline === undefined ? `throughput ${(1 / (result.ratios?.on?.median ?? ratio)).toFixed(3)}× of raw` : `+${extraMs.toFixed(1)} ms`}`,
    );
  }
}
