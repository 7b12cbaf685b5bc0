/**
 * What the lints cost (issue: under 5 ms of work per second of runtime for 10,000 rows). Once per tick
 * of the runtime sampler (1 s by default) the engine samples every live row's history and judges the
 * lints; nothing runs per message. Measured here, in one process:
 *   1. one tick over 10,000 live channels, 1,000 streams and 100 future sites (with rings full), next to
 *      `takeSnapshot('site')` of the same rows, which every connected console already costs each second;
 *   2. the same tick with every lint off (history sampling alone);
 *   3. a message workload over those channels for fixed windows, with the tick running every second and
 *      without the engine at all, interleaved: the throughput ratio is the lints' cost to the program.
 *
 * It loads the built library (what users run): `npm run build` first (`npm run bench` does).
 *
 *   node --import tsx bench/lints.bench.ts
 */

import { pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.ts';
import { median } from './harness.ts';

// Monitoring on, the process's own sampler out of the way (it would tick the same rows), no server.
process.env.HOTPATH = '1';
process.env.HOTPATH_METRICS_SERVER_OFF = '1';
process.env.HOTPATH_REPORT = 'off';
process.env.HOTPATH_RUNTIME_INTERVAL_MS = '3600000';

const { channel, future, stream } = await import('../packages/hotpath/dist/index.js');
const { bounded, unbounded } = await import('../packages/hotpath/dist/primitives/index.js');
const { LintEngine } = await import('../packages/hotpath/dist/lints/engine.js');
const { defaultLintSettings, LINT_NAMES } = await import('../packages/hotpath/dist/lints/names.js');
const { takeSnapshot } = await import('../packages/hotpath/dist/registry/snapshot.js');
const { channelRegistry } = await import('../packages/hotpath/dist/registry/channels.js');

const CHANNELS = 10_000;
const STREAMS = 1_000;
const FUTURE_SITES = 100;
const SITES = 100;
const TICKS = 150;
const BUDGET_MS = 5;
const ROUNDS = 6;

type Pair = [{ trySend(v: number): boolean }, { tryRecv(): number | undefined }];
const pairs: Pair[] = [];
for (let i = 0; i < CHANNELS; i++) {
  const made = i % 2 === 0 ? bounded<number>(16) : unbounded<number>();
  const pair = channel(made, { label: `site-${i % SITES}` }) as unknown as Pair;
  pairs.push(pair);
  for (let n = 0; n < i % 8; n++) pair[0].trySend(n);
}
const held: unknown[] = [];
for (let i = 0; i < STREAMS; i++) {
  async function* items() {
    for (;;) yield i;
  }
  const source = stream(items(), { label: `stream-${i % SITES}` });
  // Consumed, as a program's streams are: one item now, so none is reported unconsumed.
  await source.next();
  held.push(source);
}
for (let i = 0; i < FUTURE_SITES; i++) held.push(future(new Promise(() => {}), { label: `future-${i}` }));

/**
 * CPU time of this process, in ms: on a machine shared with other work, wall time would count the
 * moments the process waits for a core.
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Traffic between ticks on every channel but one in a hundred, whose consumer is stuck (it raises lints). */
function traffic(round: number): void {
  for (let i = 0; i < CHANNELS; i++) {
    if (i % 100 === 0) continue;
    const [tx, rx] = pairs[i]!;
    tx.trySend(round);
    rx.tryRecv();
  }
}

function timeTicks(settings: ReturnType<typeof defaultLintSettings>): { tickMs: number; lints: number } {
  const engine = new LintEngine(1000, settings);
  const times: number[] = [];
  let now = 10_000;
  for (let round = 0; round < TICKS; round++) {
    traffic(round);
    now += 1000;
    const started = cpuMs();
    engine.tick(now);
    times.push(cpuMs() - started);
  }
  // Steady state: rings full (the last 30 ticks).
  return { tickMs: median(times.slice(-30)), lints: engine.current().length };
}

function timeSnapshots(): number {
  const times: number[] = [];
  for (let round = 0; round < 30; round++) {
    const started = cpuMs();
    takeSnapshot('site');
    times.push(cpuMs() - started);
  }
  return median(times);
}

/**
 * Messages through the channels for `ms` of wall time, the engine ticking every second or not there at
 * all: CPU time per message, so that other work on the machine does not count.
 */
async function window(withLints: boolean, ms: number): Promise<number> {
  const engine = new LintEngine(1000, defaultLintSettings());
  const timer = withLints ? setInterval(() => engine.tick(performance.now()), 1000) : null;
  const end = performance.now() + ms;
  const cpuStart = cpuMs();
  let ops = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const [tx, rx] = pairs[(ops + i) % CHANNELS]!;
      tx.trySend(i);
      rx.tryRecv();
    }
    ops += 1000;
    // Let the timer in, as a real program's awaits would.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (timer !== null) clearInterval(timer);
  return ((cpuMs() - cpuStart) * 1e6) / ops;
}

export async function run(): Promise<BenchResult[]> {
  const snapshotMs = timeSnapshots();
  const all = timeTicks(defaultLintSettings());
  const off = Object.fromEntries(LINT_NAMES.map((name) => [name, null])) as ReturnType<
    typeof defaultLintSettings
  >;
  const sampling = timeTicks(off);
  // Each round: the workload without the engine twice and with it once, in rotating order. The ratio
  // of the two runs without it is the machine's noise floor (an A/A test), printed beside the figure.
  const ratios: number[] = [];
  const noise: number[] = [];
  const perOp: [number, number][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = [false, true, false];
    for (let r = 0; r < round % 3; r++) order.push(order.shift()!);
    const withLints: number[] = [];
    const without: number[] = [];
    for (const on of order) (on ? withLints : without).push(await window(on, 3000));
    ratios.push(withLints[0]! / without[0]!);
    noise.push(without[1]! / without[0]!);
    perOp.push([withLints[0]!, without[0]!]);
  }
  const throughput = median(ratios);
  // The worst case for pipelines: every channel a stage of a chain of ten (1,000 chains), as `after:` or
  // a pipe would link them.
  let previous: { after: unknown } | null = null;
  let position = 0;
  for (const stats of channelRegistry.held() as Iterable<{ after: unknown }>) {
    if (position++ % 10 !== 0) stats.after = previous;
    previous = stats;
  }
  const chained = timeTicks(defaultLintSettings());
  const rows = `${CHANNELS} channels, ${STREAMS} streams, ${FUTURE_SITES} future sites`;
  console.log(`Lints over ${rows} (${SITES} sites each), rings full (${TICKS} ticks)`);
  console.log(
    `  one tick, sampling + judging: ${all.tickMs.toFixed(2)} ms = ${(all.tickMs / 10).toFixed(2)} % of one core at 1 s (budget < ${BUDGET_MS} ms: ${all.tickMs < BUDGET_MS ? 'met' : 'MISSED'}); ${all.lints} lints raised`,
  );
  console.log(`  one tick, history sampling alone (all lints off): ${sampling.tickMs.toFixed(2)} ms`);
  console.log(
    `  one tick, every channel a stage of a chain of 10 (${CHANNELS / 10} pipelines judged): ${chained.tickMs.toFixed(2)} ms (budget < ${BUDGET_MS} ms: ${chained.tickMs < BUDGET_MS ? 'met' : 'MISSED'}); ${chained.lints} lints raised`,
  );
  console.log(`  for scale, takeSnapshot('site') of the same rows: ${snapshotMs.toFixed(2)} ms`);
  console.log(
    `  message workload (trySend + tryRecv over the same channels), CPU per message with the engine ticking each second: ${median(perOp.map((p) => p[0])).toFixed(0)} ns, without it: ${median(perOp.map((p) => p[1])).toFixed(0)} ns, ratio ×${throughput.toFixed(3)}; A/A (without vs without) ×${median(noise).toFixed(3)}, spread ${Math.min(...noise).toFixed(2)}–${Math.max(...noise).toFixed(2)} (medians of ${ROUNDS} rounds of interleaved 3 s windows)`,
  );
  return [
    {
      name: `lint tick (${rows})`,
      baseline: "takeSnapshot('site')",
      rawNs: snapshotMs * 1e6,
      onNs: all.tickMs * 1e6,
    },
    {
      name: `lint tick, every channel in a chain of 10 (${rows})`,
      baseline: "takeSnapshot('site')",
      rawNs: snapshotMs * 1e6,
      onNs: chained.tickMs * 1e6,
    },
    {
      name: `history sampling alone (${rows})`,
      baseline: "takeSnapshot('site')",
      rawNs: snapshotMs * 1e6,
      onNs: sampling.tickMs * 1e6,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
