import { channel, serverUrl } from 'hotpath';
import { bounded } from 'hotpath/channels';

const [tx, rx] = channel(bounded(10), { label: 'jobs' });
await tx.send('job 1');
await tx.send('job 2');
await rx.recv();

// The metrics server's address, or null when monitoring or the server is off.
const url = await serverUrl();
if (url === null) {
  console.log('no metrics server (run with HOTPATH=1)');
} else {
  const health = await (await fetch(`${url}/health`)).json();
  const page = await (await fetch(`${url}/channels?limit=1`)).json();
  const [jobs] = page.channels;
  console.log('health', health.status, 'channels', page.total);
  console.log(`${jobs.label}: sent ${jobs.sent}, received ${jobs.received}, queued ${jobs.queued}`);
}
