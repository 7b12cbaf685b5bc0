// One scripted push/next workload against the real it-pushable and async-channel packages.
import { Channel } from 'async-channel';
import { pushable } from 'it-pushable';
import { channel } from '../../../src/index.ts';
import { finish, log, tick } from './trace.ts';

const queue = channel(pushable<number>({ objectMode: true }), { label: 'pushable' });
queue.push(1);
queue.push(2);
log('readableLength', queue.readableLength);
const consumed = (async () => {
  const got: number[] = [];
  for await (const value of queue) got.push(value);
  return got;
})();
await tick();
queue.push(3);
queue.end();
queue.push(4);
log('pushable consumed', await consumed);

const failed = channel(pushable<number>({ objectMode: true }), { label: 'pushable failed' });
failed.push(1);
failed.end(new Error('upstream failed'));
try {
  for await (const value of failed) log('failed got', value);
} catch (error) {
  log('pushable threw', (error as Error).message);
}

const chan = channel(new Channel<number>(2), { label: 'async-channel' });
log('still thenable, same object', typeof chan.then);
const pushes = [1, 2, 3, 4].map((value) =>
  chan.push(value).then(
    () => log('push accepted', value),
    (error) => log('push rejected', value, (error as Error).name),
  ),
);
await tick();
log('bufferSize', chan.bufferSize);
log('get', await chan.get());
log('await chan', await chan);
await tick();
chan.close();
const rest: number[] = [];
for await (const value of chan) rest.push(value);
log('rest after close', rest, chan.done);
await Promise.all(pushes);
await chan.push(9).catch((error) => log('push after close', (error as Error).name));
finish();
