// Node's own streams as users meet them: HTTP request and response, sockets, zlib, files.
import { createReadStream } from 'node:fs';
import { createServer, request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import { channel, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const server = createServer(async (req, res) => {
  let body = '';
  req.setEncoding('utf8');
  for await (const chunk of stream(req)) body += chunk;
  let wrapped: unknown;
  try {
    wrapped = channel(res);
    log('res wrapped same', wrapped === res);
  } catch (e) {
    log('res', (e as Error).name, (e as Error).message.slice(0, 60));
  }
  res.setHeader('x-len', String(body.length));
  res.write('echo:');
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address() as { port: number };
const reply = await new Promise<string>((resolve, reject) => {
  const req = request({ port, host: '127.0.0.1', method: 'POST' }, (res) => {
    log('status', res.statusCode, res.headers['x-len']);
    let text = '';
    channel(res).setEncoding('utf8');
    res.on('data', (c) => (text += c));
    res.on('end', () => resolve(text));
  });
  req.on('error', reject);
  const sock = req;
  sock.write('hello ');
  sock.end('world');
});
log('reply', reply);
server.close();
const src = createReadStream(fileURLToPath(import.meta.url), { highWaterMark: 256 });
let bytes = 0;
await pipeline(stream(src), channel(createGzip()), channel(createGunzip()), async function* (s) {
  for await (const c of s) bytes += c.length;
  yield 'x';
});
log('roundtrip ok', bytes > 1000);
log('done');
