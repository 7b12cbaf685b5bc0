// A producer, a bounded channel and a consumer whose every item takes CONSUMER_MS (a timer), for
// recordings: ITEMS items then a normal exit, or with ITEMS=forever until killed. Prints `ready` once
// READY_AFTER items were consumed.
import { setTimeout as sleep } from 'node:timers/promises';
import { channel, futureFn, gauge } from 'hotpath';
import { bounded } from 'hotpath/channels';

const consumerMs = Number(process.env.CONSUMER_MS ?? '5');
const forever = process.env.ITEMS === 'forever';
const items = forever ? Number.POSITIVE_INFINITY : Number(process.env.ITEMS ?? '12');
const readyAfter = Number(process.env.READY_AFTER ?? '3');

const [tx, rx] = channel(bounded<number>(4), { label: 'jobs', log: true });
const consume = futureFn(async (_item: number) => sleep(consumerMs), { label: 'consume' });
const done = gauge('done');

const producer = (async () => {
  for (let i = 1; i <= items; i++) await tx.send(i);
  tx.close();
})();

let consumed = 0;
for await (const item of rx) {
  await consume(item);
  done.set(++consumed);
  if (consumed === readyAfter) console.error('ready');
}
await producer;
