// A monitored port must not keep the process alive: this script must end by itself, as it does unmonitored.
import { BroadcastChannel, MessageChannel } from 'node:worker_threads';
import { channel } from '../../../src/index.ts';

const idle = channel(new MessageChannel(), { label: 'idle' });
idle.port1.postMessage('never read');

const unrefd = channel(new MessageChannel(), { label: 'unrefd' });
unrefd.port2.on('message', (value) => console.log('got', value));
unrefd.port2.unref();
unrefd.port1.postMessage('hello');

const single = channel(new MessageChannel().port2, { label: 'single' });
single.addEventListener('message', () => {});
single.unref();

const broadcast = channel(new BroadcastChannel('lifetime'), { label: 'broadcast' });
broadcast.onmessage = () => {};
broadcast.unref();
console.log('end of script');
