// The first monitored thing is a future whose thunk ends the process while it runs.
import { future } from '../../../src/index.ts';

console.log('start');
await future(
  async () => {
    process.exit(9);
  },
  { label: 'shutdown' },
);
