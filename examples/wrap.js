import { setTimeout as sleep } from 'node:timers/promises';
import { channel, future, stream } from 'hotpath';
import { bounded } from 'hotpath/channels';

async function* readJobs() {
  for (let id = 1; id <= 20; id++) yield { id };
}
const fetchUser = (id) => sleep(5, { id, name: `user ${id}` });

const [tx, rx] = channel(bounded(4), { label: 'jobs' }); // the same pair back, now counted
const producer = (async () => {
  for await (const job of stream(readJobs(), { label: 'read-jobs' })) await tx.send(job);
  tx.close();
})();
for await (const job of rx) await future(fetchUser(job.id), { label: 'fetchUser' });
await producer;
console.log('done: 20 jobs');
