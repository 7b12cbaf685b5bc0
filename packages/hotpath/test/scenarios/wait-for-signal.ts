// Stays alive until a signal arrives. `--own-handler` handles SIGINT itself and exits with code 3.
import { channel } from '../../src/index.ts';
import { bounded } from '../../src/primitives/index.ts';

const [tx] = channel(bounded<number>(4), { label: 'waiting' });
tx.trySend(1);
if (process.argv.includes('--own-handler')) {
  process.on('SIGINT', () => {
    console.log('own handler ran');
    process.exit(3);
  });
}
// Holds the channel too: one the program drops is collected, and a collected channel is closed.
setInterval(() => tx, 1000);
console.log('ready');
