/** `leaky` has 12 listeners on one event (the limit is 10); `roomy` has 12 under a raised limit; `few` has 3. */
import { EventEmitter } from 'node:events';
import { channel } from '../../../src/index.ts';
import { observe, raised } from './observe.ts';

function emitter(listeners: number, limit?: number): EventEmitter {
  const e = new EventEmitter();
  if (limit !== undefined) e.setMaxListeners(limit);
  for (let i = 0; i < listeners; i++) e.on('data', () => {});
  return e;
}
const leaky = channel(emitter(12), { label: 'leaky' });
const roomy = channel(emitter(12, 20), { label: 'roomy' });
const few = channel(emitter(3), { label: 'few' });
const tick = setInterval(() => {
  for (const e of [leaky, roomy, few]) e.emit('data', 1);
}, 20);

await observe({
  until: (lints) => raised(lints, 'emitter-leak', "leaky 'data'"),
  clock: (snap) => snap.channels.find((row) => row.label === "few 'data'"),
  samples: 20,
  after: () => clearInterval(tick),
});
