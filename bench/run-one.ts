/** Runs one benchmark file's `run()` and writes its results as JSON to the path given: `run.ts` spawns this. */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.ts';

const [file, out] = process.argv.slice(2);
if (file === undefined || out === undefined) throw new Error('usage: run-one.ts <bench file> <results.json>');
const module = (await import(pathToFileURL(file).href)) as { run?: () => Promise<BenchResult[]> };
const results = typeof module.run === 'function' ? await module.run() : [];
writeFileSync(out, JSON.stringify(results));
