/**
 * `hotpath run`'s budgets. The same HTTP server (bench/fixtures/http-server.mjs, no hotpath import) runs
 * in several processes — raw, with the preload and `HOTPATH_AUTO=http,fetch`, and with `http,fetch,streams`
 * — and one keep-alive client loads them interleaved round by round (`measure`), so a busy machine slows
 * them alike. The last case answers through a stream made per request: what `streams` costs at worst. ns/op is per request, the client's share included (what a load test would see).
 * Then what `HOTPATH_AUTO=streams` costs per stream made (`creationCost`: pairs of streams in a raw and a
 * preloaded process, each timing itself; `BENCH_CLOCK=cpu` for CPU time), printed as the ratio to raw.
 * Then the preload's startup cost: a one-line program with and without `--import hotpath/register`, until
 * its line runs (the budget) and until the process has ended.
 *
 *   node --import tsx bench/run.bench.ts
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchResult, cpuClock, measure, median, quantile } from './harness.ts';

const SERVER = fileURLToPath(new URL('fixtures/http-server.mjs', import.meta.url));
const PAIRS = fileURLToPath(new URL('fixtures/stream-pairs.mjs', import.meta.url));
const REGISTER = new URL('../packages/hotpath/dist/auto/preload.js', import.meta.url).href;
const EMPTY = new URL('fixtures/empty.mjs', import.meta.url).href;
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

/**
 * Until the program's first line runs (wall, and CPU of all the process's threads: steadier on a busy
 * machine, where waiting for a core swamps the wall time), and until the process has ended, in ns.
 */
function startupNs(preload: string | null): { toProgram: number; cpu: number; total: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      ...(preload === null ? [] : ['--import', preload]),
      '-e',
      'const u = process.cpuUsage(); process.stdout.write(performance.now() + " " + (u.user + u.system))',
    ],
    { env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'off' } },
  );
  if (result.status !== 0) throw new Error(result.stderr.toString());
  // performance.now() counts from the process's start: when the program's own code began.
  const [wallMs, cpuUs] = result.stdout.toString().split(' ').map(Number) as [number, number];
  return { toProgram: wallMs * 1e6, cpu: cpuUs * 1e3, total: Number(process.hrtime.bigint() - started) };
}

/** A child process making stream pairs on request (see fixtures/stream-pairs.mjs). */
async function startPairs(preload: boolean) {
  const child = spawn(process.execPath, [...(preload ? ['--import', REGISTER] : []), PAIRS], {
    env: {
      ...process.env,
      HOTPATH: preload ? '1' : undefined,
      HOTPATH_AUTO: 'streams',
      HOTPATH_METRICS_SERVER_OFF: '1',
      HOTPATH_REPORT: 'off',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => child.once('message', resolve));
  const pairs = (ops: number) =>
    new Promise<{ wallNs: number; cpuNs: number }>((resolve) => {
      child.once('message', (answer) => resolve(answer as { wallNs: number; cpuNs: number }));
      child.send({ ops });
    });
  return { child, pairs };
}

/**
 * What `HOTPATH_AUTO=streams` costs per stream made: the same pairs (a `Readable.from()` piped into a
 * `Writable`: two streams, each found at its creation site, adopted, counted, finished and folded) in a
 * raw process and a preloaded one, round by round in alternating order. Each process times itself
 * (`BENCH_CLOCK=cpu`: its own CPU time, which other work on a busy machine does not inflate).
 */
export async function creationCost(): Promise<BenchResult> {
  const raw = await startPairs(false);
  const on = await startPairs(true);
  try {
    const ops = 4000;
    await raw.pairs(ops);
    await on.pairs(ops);
    const samples = { raw: [] as number[], on: [] as number[] };
    for (let round = 0; round < 11; round++) {
      const order = round % 2 === 0 ? (['raw', 'on'] as const) : (['on', 'raw'] as const);
      for (const name of order) {
        const { wallNs, cpuNs } = await (name === 'raw' ? raw : on).pairs(ops);
        samples[name].push(cpuClock ? cpuNs : wallNs);
      }
    }
    const perRound = samples.on.map((ns, round) => ns / samples.raw[round]!);
    return {
      name: 'HOTPATH_AUTO=streams, per pair of streams made: Readable.from([1, 2, 3]).pipe(new Writable())',
      rawNs: median(samples.raw),
      onNs: median(samples.on),
      spread: {
        raw: [Math.min(...samples.raw), Math.max(...samples.raw)],
        on: [Math.min(...samples.on), Math.max(...samples.on)],
      },
      ratios: {
        on: { median: median(perRound), p25: quantile(perRound, 0.25), p75: quantile(perRound, 0.75) },
      },
    };
  } finally {
    raw.child.kill();
    on.child.kill();
  }
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
  results.push(await creationCost());
  // Interleaved, one of each per round (the first round is warm-up), and taken as the median of each
  // round's difference: starting a process here varies by tens of milliseconds from one minute to the
  // next, much more than the preload costs, and a slow phase slows both of a round alike.
  type Startup = ReturnType<typeof startupNs>;
  const rounds: { bare: Startup; empty: Startup; preloaded: Startup }[] = [];
  for (let round = 0; round < 41; round++) {
    // Each order in turn, so that none is always first after the previous round's last.
    const order = (['bare', 'empty', 'preloaded'] as const).map((_, i, all) => all[(i + round) % 3]!);
    const taken: Partial<Record<(typeof order)[number], Startup>> = {};
    for (const which of order)
      taken[which] = startupNs({ bare: null, empty: EMPTY, preloaded: REGISTER }[which]);
    if (round > 0) rounds.push(taken as { bare: Startup; empty: Startup; preloaded: Startup });
  }
  const startup = (name: string, of: (t: Startup) => number, budget?: number) => {
    const rawNs = median(rounds.map(({ bare }) => of(bare)));
    const extraNs = median(rounds.map(({ bare, preloaded }) => of(preloaded) - of(bare)));
    results.push({
      name,
      baseline: 'node -e …',
      rawNs,
      onNs: rawNs + extraNs,
      ...(budget === undefined ? {} : { budget: { onExtraNs: budget } }),
    });
  };
  startup(
    'preload startup, until the program runs: node --import hotpath/register -e … (HOTPATH=1)',
    (t) => t.toProgram,
    30e6,
  );
  startup('preload startup, CPU until the program runs (HOTPATH=1)', (t) => t.cpu);
  // What it loads in the background once the program runs is in the whole process's time.
  startup('preload startup, whole process: node --import hotpath/register -e … (HOTPATH=1)', (t) => t.total);
  // Node's own share of that: any `--import` starts the ESM loader before a CommonJS program, which runs
  // without it otherwise.
  const rawNs = median(rounds.map(({ bare }) => bare.toProgram));
  results.push({
    name: 'of which Node starting its ESM loader: node --import <an empty file> -e …',
    baseline: 'node -e …',
    rawNs,
    onNs: rawNs + median(rounds.map(({ bare, empty }) => empty.toProgram - bare.toProgram)),
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run();
  for (const result of results) {
    const ratio = result.onNs / result.rawNs;
    const extraMs = (result.onNs - result.rawNs) / 1e6;
    const paired = result.ratios?.on?.median ?? ratio;
    console.log(
      `${result.name}: raw ${(result.rawNs / 1e3).toFixed(1)} µs, on ${(result.onNs / 1e3).toFixed(1)} µs, ` +
        `${result.baseline === undefined ? `${paired.toFixed(2)}× the time, throughput ${(1 / paired).toFixed(3)}× of raw` : `+${extraMs.toFixed(1)} ms`}`,
    );
  }
}
