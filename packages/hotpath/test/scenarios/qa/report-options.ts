// start() with options a user could get wrong: each should be a TypeError or RangeError saying what is accepted.
import { EventEmitter } from 'node:events';
import { channel, main, start } from '../../../src/index.ts';

channel(new EventEmitter()).emit('tick');
const cases: unknown[] = [
  { format: 'xml' },
  { sections: ['nope'] },
  { output: {} },
  { timeoutMs: -5 },
  { timeoutMs: '10' },
  { typo: 1 },
  null,
];
for (const options of cases) {
  try {
    await start(options as never).stop();
    console.log('accepted', JSON.stringify(options));
  } catch (error) {
    console.log(`${(error as Error).name}: ${(error as Error).message}`);
  }
}
let ran = false;
await main(
  () => {
    ran = true;
  },
  { format: 'yaml' } as never,
).catch((error: Error) => console.log(`main: ${error.name}, fn ran: ${ran}`));
