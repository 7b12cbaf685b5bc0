// hotpath-rs's `basic_streams` scenario: three labelled streams (numbers 1..5, four strings with log, a
// repeated value taken 3 times), one per kind of source. With SERVE=1 it also asks its own metrics
// server for /streams and a log, and prints those to stderr (stdout stays the program's own output).
import { Readable } from 'node:stream';
import { of, repeat, take } from 'rxjs';
import { serverUrl, stream } from '../../src/index.ts';

async function* numbers() {
  for (let i = 1; i <= 5; i++) yield i;
}

const seen: unknown[] = [];
for await (const n of stream(numbers(), { label: 'number-stream' })) seen.push(n);

const text = stream(Readable.from(['hello', 'world', 'from', 'streams']), {
  label: 'text-stream',
  log: true,
});
for await (const word of text) seen.push(word);

const repeated = stream(of(42).pipe(repeat(), take(3)), { label: 'repeat-stream' });
await new Promise<void>((resolve) => repeated.subscribe({ next: (v) => seen.push(v), complete: resolve }));

const web = stream(ReadableStream.from(['x', 'y']), { label: 'web-stream' });
for await (const chunk of web) seen.push(chunk);

console.log(seen.join(','));
console.log('Stream example completed!');

if (process.env.SERVE === '1') {
  const url = await serverUrl();
  const rows = (await (await fetch(`${url}/streams`)).json()) as { streams: { id: number; label: string }[] };
  const textRow = rows.streams.find((row) => row.label === 'text-stream')!;
  const logs = await fetch(`${url}/streams/${textRow.id}/logs`);
  process.stderr.write(`${JSON.stringify({ rows, logsStatus: logs.status, logs: await logs.json() })}\n`);
}
