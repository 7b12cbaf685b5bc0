import { Readable } from 'node:stream';
import { stream } from 'hotpath';
import { monitored, stream as rxStream } from 'hotpath/rxjs';
import { from } from 'rxjs';

async function* readRows() {
  yield* [{ id: 1 }, { id: 2 }, { id: 3 }];
}
for await (const row of stream(readRows(), { label: 'rows' })) console.log('row', row.id); // same object

const lines = Readable.from(['alpha', 'beta']);
for await (const line of stream(lines, { log: true })) console.log('line', line); // Node Readable: same object

const response = new Response('hello from a body');
const body = stream(response.body, { label: 'body' }); // ReadableStream: same object
console.log('body', await new Response(body).text());

rxStream(from([1, 2]), { label: 'clicks' }).subscribe((v) => console.log('click', v)); // RxJS, per subscription
from(['a', 'b'])
  .pipe(monitored({ label: 'ticks' })) // the same, as an operator
  .subscribe((v) => console.log('tick', v));
