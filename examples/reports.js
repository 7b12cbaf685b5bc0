import { channel, enabled, main, snapshot, start } from 'hotpath';
import { unbounded } from 'hotpath/channels';

// main(fn): runs fn, then prints the report when it settles (here to stdout, as a table).
await main(
  async () => {
    const [tx, rx] = channel(unbounded(), { label: 'letters' });
    for (const letter of 'abc') tx.send(letter);
    tx.close();
    for await (const letter of rx) process.stdout.write(letter);
    process.stdout.write('\n');
  },
  { format: 'table' },
);

// start(): a guard; stop() reports once, with only the sections asked for, to any `output`.
let json = '';
const guard = start({ sections: ['channels'], format: 'json', output: { write: (text) => (json += text) } });
await guard.stop();
if (enabled) console.log('report keys', Object.keys(JSON.parse(json)).join(', '));

// snapshot(): the same data as a plain object, whenever you like.
const { channels } = snapshot();
console.log('enabled', enabled, 'channels in the snapshot', channels.length);
