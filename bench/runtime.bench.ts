/**
 * What the runtime sampler costs an idle process at the default interval: CPU time (user + system) over
 * windows with the sampler running and windows without, interleaved, in one process. The difference,
 * as a share of one core, is the figure (budget: under 1 %). The first window with the sampler also pays
 * once for loading and compiling it; it is reported apart, as the one-time cost it is, not as a rate.
 *
 *   node --import tsx bench/runtime.bench.ts
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { ThreadSampler } from '../packages/hotpath/src/runtime/sampler.ts';
import { WorkerThreads } from '../packages/hotpath/src/runtime/threads.ts';
import type { BenchResult } from './harness.ts';
import { median } from './harness.ts';

const INTERVAL_MS = 1000;
const WINDOW_MS = 2000;
const ROUNDS = 6;
const BUDGET_PERCENT = 1;

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function window(withSampler: boolean): Promise<number> {
  // Exactly what the main thread runs: the sampler, whose interval tick also samples the workers.
  const workers = new WorkerThreads(INTERVAL_MS);
  const sampler = new ThreadSampler(INTERVAL_MS, true, () => workers.sample());
  if (withSampler) {
    workers.start();
    sampler.start();
  }
  const before = cpuMicros();
  const started = performance.now();
  await sleep(WINDOW_MS);
  const cpu = cpuMicros() - before;
  const wall = performance.now() - started;
  sampler.stop();
  workers.stop();
  return (cpu / 1000 / wall) * 100;
}

export async function run(): Promise<BenchResult[]> {
  const on: number[] = [];
  const off: number[] = [];
  const first = await window(true);
  const baseline = await window(false);
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so a slow phase of the machine does not favour one side.
    if (round % 2 === 0) {
      on.push(await window(true));
      off.push(await window(false));
    } else {
      off.push(await window(false));
      on.push(await window(true));
    }
  }
  const cost = median(on.map((value, i) => value - off[i]!));
  console.log(
    `Runtime sampler at ${INTERVAL_MS} ms, ${ROUNDS} rounds of ${WINDOW_MS} ms windows (idle process)`,
  );
  console.log(
    `  CPU with sampler: median ${median(on).toFixed(3)} % of one core; without: ${median(off).toFixed(3)} %`,
  );
  console.log(
    `  first window (loading and compiling the sampler once): ${(((first - baseline) / 100) * WINDOW_MS).toFixed(1)} ms of CPU`,
  );
  console.log(
    `  sampler cost, steady: ${cost.toFixed(3)} % of one core (budget < ${BUDGET_PERCENT} %: ${cost < BUDGET_PERCENT ? 'met' : 'MISSED'})`,
  );
  return [];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
