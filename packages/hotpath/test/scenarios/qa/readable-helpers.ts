// Node Readable's own helpers and consumption styles on a monitored stream.
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { channel, stream } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);
const nums = () => Readable.from([1, 2, 3, 4, 5]);
log('toArray', await stream(nums()).toArray());
log(
  'map',
  await stream(nums())
    .map((x: number) => x * 2)
    .filter((x: number) => x > 4)
    .toArray(),
);
log('take', await stream(nums()).take(2).toArray());
log('reduce', await stream(nums()).reduce((a: number, b: number) => a + b, 0));
const keep = stream(nums());
for await (const v of keep.iterator({ destroyOnReturn: false })) {
  log('first', v);
  break;
}
log('rest', await keep.toArray(), keep.destroyed);
const bytes = channel(new Readable({ read() {} }));
bytes.setEncoding('utf8');
bytes.push(Buffer.from('ab'));
bytes.push(Buffer.from('cd'));
bytes.push(null);
const pieces: string[] = [];
bytes.on('readable', () => {
  for (let chunk = bytes.read(3); chunk !== null; chunk = bytes.read(3)) pieces.push(chunk);
});
await new Promise((r) => bytes.on('end', r));
log('read(3)', pieces);
log('consumers.text', await text(stream(Readable.from(['x', 'y']))));
const paused = stream(nums());
paused.pause();
log('paused flowing', paused.readableFlowing, paused.isPaused());
paused.resume();
await new Promise((r) => paused.on('end', r));
log('done');
