// Served and called by itself with no hotpath import; what it does is steered by argv[2].

import dc from 'node:diagnostics_channel';
import http from 'node:http';

const mode = process.argv[2];
const server = http.createServer((req, res) => {
  if (req.url === '/hang') return; // never answered: the client gives up
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
  if (mode === 'distinct') {
    const total = Number(process.argv[3]);
    for (let i = 0; i < total; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, total - i) }, (_, j) => get(port, `/search/q-${i + j}x`)),
      );
    }
  } else if (mode === 'endings') {
    // Aborted by the client (the server's call is cancelled, the client's too), refused, and aborted fetch.
    await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/hang' });
      req.on('error', () => {});
      req.on('close', resolve);
      setTimeout(() => req.destroy(), 100);
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
    const aborted = fetch(`http://127.0.0.1:${port}/hang`, { signal: controller.signal }).catch(() => {});
    setTimeout(() => controller.abort(), 100);
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
