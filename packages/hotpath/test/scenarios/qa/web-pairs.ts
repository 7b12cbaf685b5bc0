// Built-in WHATWG transform pairs that are not TransformStream instances, and a duplex-ish pair.
import { channel, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const bytes = new TextEncoder().encode('héllo wörld '.repeat(50));
const source = () =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes.slice(0, 7));
      c.enqueue(bytes.slice(7));
      c.close();
    },
  });
let text = '';
for await (const s of source().pipeThrough(channel(new TextDecoderStream()))) text += s;
log('decoded', text.length, text.slice(0, 12));
const zipped = stream(source().pipeThrough(channel(new CompressionStream('gzip'))));
const back = zipped
  .pipeThrough(channel(new DecompressionStream('gzip')))
  .pipeThrough(new TextDecoderStream());
let out = '';
for await (const s of back) out += s;
log('roundtrip', out === text);
const enc = channel(new TextEncoderStream());
const w = enc.writable.getWriter();
w.write('ab');
w.write('c');
w.close();
const r = enc.readable.getReader();
const chunks: number[][] = [];
for (;;) {
  const { done, value } = await r.read();
  if (done) break;
  chunks.push([...value]);
}
log('encoded', JSON.stringify(chunks));
const bad = new CompressionStream('deflate');
const bw = channel(bad).writable.getWriter();
bw.write(new Uint8Array([1])).catch(() => {});
bw.abort(new Error('stop')).catch(() => {});
try {
  await bad.readable.getReader().read();
} catch (e) {
  log('aborted read', (e as Error).message);
}
log('done');
