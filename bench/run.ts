/**
 * `npm run bench`: every benchmark in this folder, one after another in this process, printed as one
 * table of ns/op and ratios to the raw primitive, and written to bench/results/latest.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { type BenchResult, formatPeerResults, formatResults, verdict } from './harness.ts';

const here = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  const module = (await import(new URL(file, here).href)) as { run?: () => Promise<BenchResult[]> };
  if (typeof module.run !== 'function') continue;
  process.stderr.write(`running ${file}…\n`);
  results.push(...(await module.run()));
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`${machine}\n`);
console.log(formatResults(results));
const peers = formatPeerResults(results);
if (peers !== '')
  console.log(`\nThe same workloads tracked by global hooks, as Clinic.js and APM agents do:\n\n${peers}`);
const over = results.filter((result) => verdict(result).includes('OVER'));
if (over.length > 0) console.log(`\n${over.length} budget(s) over: ${over.map((r) => r.name).join('; ')}`);

mkdirSync(new URL('results/', here), { recursive: true });
writeFileSync(
  new URL('results/latest.json', here),
  `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`,
);
