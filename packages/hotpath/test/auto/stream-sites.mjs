// Streams made with no hotpath import, each kind along paths of different depth through Node's own
// frames: a shallow one first, then a deeper one of the same class, then the shallow one again, so that
// a class's remembered capture depth is too shallow once. Every stream carries its own count of items.
import { PassThrough, Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

class Upper extends Transform {
  constructor() {
    const transform = (chunk, _encoding, done) => done(null, String(chunk).toUpperCase());
    super({ objectMode: true, transform }); // SITE-UPPER
  }
}

const sink = () => new Writable({ objectMode: true, write: (_chunk, _encoding, done) => done() }); // SITE-SINK

function plain(items) {
  const readable = new Readable({ objectMode: true, read() {} }); // SITE-PLAIN
  for (const item of items) readable.push(item);
  readable.push(null);
  return readable;
}

for (let round = 0; round < 3; round++) {
  await pipeline(plain(['a', 'b']), sink());
  await pipeline(Readable.from(['c', 'd', 'e']), new Upper(), sink()); // SITE-FROM
  await pipeline(plain(['f']), new PassThrough({ objectMode: true }), sink()); // SITE-PASS
}
await pipeline(Readable.from([Buffer.from('zip')]), createGzip(), new PassThrough()); // SITE-GZIP
