/** `unread` is never pulled; `late` is pulled 300 ms after it is made; `cancelled` is cancelled unread (finished). */
import { setTimeout as sleep } from 'node:timers/promises';
import { stream } from '../../../src/index.ts';
import { observe, raised } from './observe.ts';

async function* ticks() {
  for (let i = 0; ; i++) {
    await sleep(30);
    yield i;
  }
}
const unread = stream(ticks(), { label: 'unread' });
const late = stream(ticks(), { label: 'late' });
setTimeout(async () => {
  for await (const _ of late) {
    // consumed, late
  }
}, 300);
const cancelled = stream(new ReadableStream({ pull: () => sleep(10) }), { label: 'cancelled' });
await cancelled.cancel();

await observe({
  until: (lints) => raised(lints, 'stream-unconsumed', 'unread'),
  clock: (snap) => snap.streams.find((row) => row.label === 'late'),
  samples: 40,
});
void unread;
