// A plain Node program with no hotpath import: an HTTP server that calls itself with fetch and
// http.get, then gzips a report through a stream pipeline. Watch it with no change to the code:
//   npx hotpath run -- node examples/zero-code/server.mjs
//   HOTPATH_AUTO=http,fetch,streams npx hotpath run -- node examples/zero-code/server.mjs
// It serves until Ctrl-C (or `--once`: it stops after the first round).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const FETCHES = 20;
const GETS = 10;
const LINES = 1000;

const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/users/')) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: req.url.slice('/users/'.length) }));
  } else if (req.url?.startsWith('/orders/')) {
    res.end('order');
  } else {
    res.statusCode = 404;
    res.end('not found');
  }
});

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (let id = 1; id <= FETCHES; id++) {
    const response = await fetch(`http://127.0.0.1:${port}/users/${id}`);
    await response.json();
  }
  for (let i = 0; i < GETS; i++) {
    await new Promise((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${port}/orders/${randomUUID()}`, (response) => {
          response.resume();
          response.on('end', resolve);
        })
        .on('error', reject);
    });
  }
  let bytes = 0;
  await pipeline(
    Readable.from(Array.from({ length: LINES }, (_, i) => `line ${i}\n`)),
    new Transform({
      transform(chunk, _encoding, callback) {
        callback(null, String(chunk).toUpperCase());
      },
    }),
    createGzip(),
    new Writable({
      write(chunk, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    }),
  );
  console.log(
    `made ${FETCHES} fetches and ${GETS} http.get calls; gzipped ${LINES} lines (${bytes > 0 ? 'ok' : 'empty'})`,
  );
  if (process.argv.includes('--once')) server.close();
  else console.log('serving until Ctrl-C');
});

process.on('SIGINT', () => {
  console.log('stopping');
  server.close();
  server.closeAllConnections();
});
