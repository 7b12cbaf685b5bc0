/**
 * `npm run bench`: every benchmark in this folder, each in a fresh process of its own (so that one file's
 * registries, hooks and JIT state cannot tax another's), printed as one table of ns/op and ratios to the
 * raw primitive, and written to bench/results/latest.json. Within a file, the variants of a workload run
 * interleaved in that one process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BELOW_FLOOR,
  type BenchResult,
  cpuClock,
  formatBaselineResults,
  formatPeerResults,
  formatResults,
  verdict,
} from './harness.ts';

const here = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const results: BenchResult[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'hotpath-bench-'));
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const out = join(scratch, `${file}.json`);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('run-one.ts', here)), fileURLToPath(new URL(file, here)), out],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (child.status !== 0) {
    process.stderr.write(`${file} failed (exit ${child.status ?? child.signal})\n`);
    process.exitCode = 1;
    continue;
  }
  results.push(...(JSON.parse(readFileSync(out, 'utf8')) as BenchResult[]));
}
rmSync(scratch, { recursive: true, force: true });

const clock = cpuClock ? 'CPU time (BENCH_CLOCK=cpu)' : 'wall clock';
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${clock}, load ${loadavg()[0]!.toFixed(1)}`;
console.log(`${machine}\n`);
console.log(formatResults(results));
const others = formatBaselineResults(results);
if (others !== '')
  console.log(`\nThe metrics server and the console, against their own baselines:\n\n${others}`);
const peers = formatPeerResults(results);
if (peers !== '')
  console.log(`\nThe same workloads tracked by global hooks, as Clinic.js and APM agents do:\n\n${peers}`);
const over = results.filter((result) => verdict(result).includes('OVER'));
if (over.length > 0) console.log(`\n${over.length} budget(s) over: ${over.map((r) => r.name).join('; ')}`);
const belowFloor = results.filter((result) => verdict(result).includes(BELOW_FLOOR));
if (belowFloor.length > 0) {
  console.log(
    `${belowFloor.length} budget(s) below the floor of any exact design, measured in the same rounds: ${belowFloor.map((r) => r.name).join('; ')}`,
  );
}

mkdirSync(new URL('results/', here), { recursive: true });
writeFileSync(
  new URL('results/latest.json', here),
  `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`,
);
