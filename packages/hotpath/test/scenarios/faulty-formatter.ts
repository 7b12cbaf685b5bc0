// A `log` formatter that throws, and a value whose inspection throws: the program never notices.
import { inspect } from 'node:util';
import { channel, snapshot } from '../../src/index.ts';
import { unbounded } from '../../src/primitives/index.ts';

const [tx, rx] = channel(unbounded<unknown>(), {
  label: 'faulty',
  log: () => {
    throw new Error('formatter broke');
  },
});
const [tx2, rx2] = channel(unbounded<unknown>(), { label: 'hostile', log: true });
await tx.send(1);
await tx2.send({
  [inspect.custom]() {
    throw new Error('inspect broke');
  },
});
console.log('received', await rx.recv(), typeof (await rx2.recv()));
console.error(JSON.stringify({ faults: snapshot().faults }));
