// Ends its work with a chosen exit code, by exitCode, by process.exit, or by an uncaught error.
import { channel } from '../../src/index.ts';
import { unbounded } from '../../src/primitives/index.ts';

const [tx, rx] = channel(unbounded<string>(), { label: 'work' });
await tx.send('job');
console.log('did', await rx.recv());
const how = process.argv[2];
if (how === 'exitCode') process.exitCode = 4;
if (how === 'exit') process.exit(5);
if (how === 'throw') throw new Error('boom');
