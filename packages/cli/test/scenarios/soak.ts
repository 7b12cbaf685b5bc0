// The demo pipeline left running, with a live `/events` subscriber as the console would be: prints the heap
// after GC every few seconds, and how many events arrived, as one JSON line at the end.
import { serverUrl } from 'hotpath';
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
const url = await serverUrl();
let events = 0;
const feed = (async () => {
  if (url === null) throw new Error('no metrics server');
  const response = await fetch(`${url}/events?intervalMs=100&limit=1000`, { signal: controller.signal });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    events += decoder.decode(chunk, { stream: true }).split('event: snapshot').length - 1;
  }
})().catch((error: unknown) => {
  if ((error as Error).name !== 'AbortError') throw error;
});
const samples: { atMs: number; heapMB: number }[] = [];
const started = performance.now();
for (let elapsed = everyMs; elapsed <= seconds * 1000; elapsed += everyMs) {
  await new Promise((resolve) => setTimeout(resolve, started + elapsed - performance.now()));
  samples.push({ atMs: Math.round(performance.now() - started), heapMB: (await heapAfterGc()) / 2 ** 20 });
}
controller.abort();
await Promise.all([running, feed]);
console.log(JSON.stringify({ samples, events }));
