// Node's own async iterators: events.on, timers/promises setInterval, readline, fs.promises dir.
import { EventEmitter, on } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { setInterval as every } from 'node:timers/promises';
import { stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const e = new EventEmitter();
setTimeout(() => {
  e.emit('data', 1);
  e.emit('data', 2);
  e.emit('data', 3);
}, 1);
for await (const [v] of stream(on(e, 'data'))) {
  log('on', v);
  if (v === 3) break;
}
log('listeners after break', e.listenerCount('data'), e.listenerCount('error'));
let n = 0;
for await (const t of stream(every(1, 'tick'))) {
  log(t, ++n);
  if (n === 3) break;
}
const rl = createInterface({ input: Readable.from(['a\nb\n', 'c']) });
for await (const line of stream(rl)) log('line', line);
const it = stream(on(e, 'x'));
const pending = it.next();
e.emit('error', new Error('via on'));
try {
  await pending;
} catch (err) {
  log('on error', (err as Error).message);
}
log('done');
