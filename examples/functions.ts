import { setTimeout as sleep } from 'node:timers/promises';
import { gauge, measure, measureBlock, val } from 'hotpath';

const db = { get: (id: string) => sleep(2, { id }) };
const queue = [1, 2, 3];

const parse = measure(function parse(text: string) {
  return JSON.parse(text);
}); // sync: timed
const fetchUser = measure(async (id: string) => db.get(id), { label: 'fetchUser' }); // async: until it settles

class Service {
  @measure() // standard decorators and `experimentalDecorators` alike
  handle(request: { path: string }) {
    return `handled ${request.path}`;
  }
}

const rows = measureBlock('load rows', () => [1, 2, 3]); // returns what the body returns
const total = await measureBlock('sum', async () => (await sleep(1, rows)).reduce((a, b) => a + b)); // async body
console.log(parse('{"ok":true}'), await fetchUser('u1'), new Service().handle({ path: '/' }), total);

gauge('queue depth', queue.length); // set
const workers = gauge('workers'); // a handle, the same for one label
workers.inc();
workers.dec(2);
workers.set(8); // each returns the gauge
val('last request', { path: '/', status: 200 }); // any value, logged
console.log('workers', gauge('workers') === workers);
