// Node streams monitored with channel() and then dropped before they end: the garbage collector must
// be able to take them (monitoring keeps no stream alive), and each one's row then ends. Prints, per
// kind, how many of the streams the collector took and the states their rows ended in.
import { PassThrough, Readable, Writable } from 'node:stream';
import { channel, snapshot } from '../../src/index.ts';

const count = 300;
const kinds: Record<string, () => Readable | Writable> = {
  'object-readable': () => {
    const readable = new Readable({ objectMode: true, read() {} });
    readable.push(1);
    return readable;
  },
  'object-writable': () => {
    const writable = new Writable({ objectMode: true, write() {} });
    writable.write(1);
    return writable;
  },
  'object-passthrough': () => {
    const through = new PassThrough({ objectMode: true });
    through.write(1);
    return through;
  },
  'byte-writable': () => {
    const writable = new Writable({ write() {} });
    writable.write('x');
    return writable;
  },
};

const taken = new Map<string, number>();
const watch = new FinalizationRegistry<string>((kind) => taken.set(kind, (taken.get(kind) ?? 0) + 1));
for (const [kind, make] of Object.entries(kinds)) {
  for (let i = 0; i < count; i++) watch.register(channel(make(), { label: kind }), kind);
}
for (let i = 0; i < 6 && [...taken.values()].reduce((a, b) => a + b, 0) < count * 4 - 8; i++) {
  globalThis.gc!();
  await new Promise((resolve) => setTimeout(resolve, 30));
}
const rows = snapshot().channels;
const result: Record<string, { taken: number; states: Record<string, number> }> = {};
for (const kind of Object.keys(kinds)) {
  const states: Record<string, number> = {};
  for (const row of rows.filter((r) => r.label.replace(/-\d+$/, '') === kind || r.label === kind)) {
    states[row.state] = (states[row.state] ?? 0) + row.instances;
  }
  result[kind] = { taken: taken.get(kind) ?? 0, states };
}
console.log(JSON.stringify(result));
