// The demo pipeline left running: prints the heap after GC every few seconds, as one JSON line at the end.
import { startPipeline } from '../../src/demo/pipeline.ts';

const seconds = Number(process.argv[2] ?? 60);
const everyMs = 5000;

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    globalThis.gc!();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed;
}

const controller = new AbortController();
const running = startPipeline(controller.signal);
const samples: { atMs: number; heapMB: number }[] = [];
const started = performance.now();
for (let elapsed = everyMs; elapsed <= seconds * 1000; elapsed += everyMs) {
  await new Promise((resolve) => setTimeout(resolve, started + elapsed - performance.now()));
  samples.push({ atMs: Math.round(performance.now() - started), heapMB: (await heapAfterGc()) / 2 ** 20 });
}
controller.abort();
await running;
console.log(JSON.stringify({ samples }));
