// One scripted message-port workload: every way of listening, receiveMessageOnPort, BroadcastChannel, close.
import { BroadcastChannel, MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { channel } from '../../../src/index.ts';
import { finish, log, tick } from './trace.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Waits for the listeners to have seen `count` messages: a fixed pause is too short on a busy machine. */
let delivered = 0;
const delivery = async (count: number) => {
  for (let waited = 0; delivered < count && waited < 10_000; waited += 5)
    await new Promise((resolve) => setTimeout(resolve, 5));
};

const listened = channel(new MessageChannel(), { label: 'listened' });
const byOn = (value: unknown) => {
  delivered++;
  log('on', value);
};
listened.port2.on('message', byOn);
listened.port2.addEventListener('message', (event) => {
  delivered++;
  log('addEventListener', (event as MessageEvent).data);
});
// @types/node 20 lacks MessagePort#onmessage, which Node 20 has.
(listened.port1 as unknown as { onmessage: (event: MessageEvent) => void }).onmessage = (event) => {
  delivered++;
  log('onmessage', event.data);
};
for (let i = 0; i < 3; i++) listened.port1.postMessage({ i });
listened.port2.postMessage('back');
await delivery(3 + 3 + 1);
listened.port2.off('message', byOn);
listened.port1.postMessage('after off');
await delivery(3 + 3 + 1 + 1);
listened.port1.close();
await settle();

const polled = channel(new MessageChannel(), { label: 'polled' });
polled.port1.postMessage('x');
polled.port1.postMessage('y');
await tick();
log('receiveMessageOnPort', receiveMessageOnPort(polled.port2), receiveMessageOnPort(polled.port2));
log('receiveMessageOnPort empty', receiveMessageOnPort(polled.port2));
polled.port2.close();

const port = channel(new MessageChannel().port1, { label: 'single port' });
log('single port posts', port.postMessage('to nobody listening'));
// The monitored send forwards a one-argument post as a plain call: the other forms must stay as they were.
const buffer = new ArrayBuffer(8);
port.postMessage(buffer, [buffer]);
log('transferred away', buffer.byteLength);
try {
  (port.postMessage as () => void)();
} catch (error) {
  log('postMessage() throws', (error as NodeJS.ErrnoException).code);
}
port.close();

const a = channel(new BroadcastChannel('news'), { label: 'broadcast' });
const b = new BroadcastChannel('news');
a.onmessage = (event) => log('a got', (event as MessageEvent).data);
b.onmessage = (event) => log('b got', (event as MessageEvent).data);
b.postMessage('from b');
a.postMessage('from a');
await settle();
a.close();
b.close();
await tick();
finish();
