// Served and called by itself with no hotpath import; what it does is steered by argv[2].

import dc from 'node:diagnostics_channel';
import http from 'node:http';
import { isMainThread, Worker, workerData } from 'node:worker_threads';

const mode = isMainThread ? process.argv[2] : 'in-worker';
/** Resolves when the server has received the next request to /hang: the client gives up only then. */
let hangArrived = () => {};
const nextHang = () => new Promise((resolve) => (hangArrived = resolve));
const server = http.createServer((req, res) => {
  if (req.url === '/hang') return hangArrived(); // never answered: the client gives up
  res.end('ok');
});
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const get = (port, path) =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => res.resume().on('end', resolve))
      .on('error', reject);
  });

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  if (mode === 'worker') {
    // The main thread blocks from the worker's start until the worker is exiting: the worker's last
    // report is sent while the main thread has had no chance to load anything.
    const done = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL(import.meta.url), { workerData: done });
    Atomics.wait(done, 0, 0, 20_000);
    await new Promise((resolve) => worker.once('exit', resolve));
  } else if (mode === 'in-worker') {
    // Its own server, three requests to it, then a flag set as it exits (after hotpath's last report).
    for (let i = 0; i < 3; i++) await (await fetch(`http://127.0.0.1:${port}/jobs/${i}`)).text();
    process.once('exit', () => {
      Atomics.store(workerData, 0, 1);
      Atomics.notify(workerData, 0);
    });
  } else if (mode === 'distinct') {
    const total = Number(process.argv[3]);
    for (let i = 0; i < total; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, total - i) }, (_, j) => get(port, `/search/q-${i + j}x`)),
      );
    }
  } else if (mode === 'endings') {
    // Aborted by the client (the server's call is cancelled, the client's too), refused, and aborted fetch.
    await new Promise((resolve) => {
      const arrived = nextHang();
      const req = http.get({ host: '127.0.0.1', port, path: '/hang' });
      req.on('error', () => {});
      req.on('close', resolve);
      arrived.then(() => req.destroy());
    });
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    await new Promise((resolve) =>
      http.get({ host: '127.0.0.1', port: deadPort, path: '/' }).on('error', resolve),
    );
    await fetch(`http://127.0.0.1:${deadPort}/`).catch(() => {});
    const controller = new AbortController();
    const arrived = nextHang();
    const aborted = fetch(`http://127.0.0.1:${port}/hang`, { signal: controller.signal }).catch(() => {});
    arrived.then(() => controller.abort());
    await aborted;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } else if (mode === 'subscribers') {
    process.stdout.write(
      `${JSON.stringify(['http.server.request.start', 'http.client.request.start', 'undici:request:create'].map((n) => dc.hasSubscribers(n)))}\n`,
    );
  }
  agent.destroy();
  server.close();
  server.closeAllConnections();
});
