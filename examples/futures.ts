import { setTimeout as sleep } from 'node:timers/promises';
import { future, futureFn } from 'hotpath';

const fetchUser = async (id: number) => sleep(5, { id, name: `user ${id}` });
const db = { query: async (sql: string) => sleep(2, [`row for ${sql}`]) };

// A promise, or a thunk that returns one: one call at this line.
const user = await future(fetchUser(7), { label: 'fetch-user' });
const rows = await future(() => db.query('select 1'), { log: true });
console.log(user.name, rows);

// Every call of an async function, counted at the line where it was wrapped.
const cache = new Map<string, string>([['a', 'cached a']]);
const load = futureFn(async (key: string) => cache.get(key) ?? (await sleep(3, `remote ${key}`)), {
  log: true,
});
console.log(await load('a'), await load('b'));

// As a method decorator: standard TypeScript decorators and `experimentalDecorators` alike.
class Repo {
  @futureFn()
  async find(id: number) {
    return sleep(1, { id });
  }

  @futureFn({ log: true, label: 'Repo.save' })
  async save(row: { id: number }) {
    return sleep(1, row.id);
  }
}
const repo = new Repo();
console.log('found', (await repo.find(1)).id, 'saved', await repo.save({ id: 2 }));

// Cancellation you can see: a call whose signal aborts before it settles ends `cancelled`.
const controller = new AbortController();
const longTask = sleep(10_000, 'finished', { signal: controller.signal }).catch(() => 'aborted');
const pending = future(longTask, { signal: controller.signal });
controller.abort();
console.log('long task', await pending);
