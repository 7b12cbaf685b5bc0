// Writes three lines to process.stdout (a pipe when a test spawns it), monitored with `channel()` when
// HOTPATH=1, then reports the row on stderr once the writes have had a turn to complete.
import { channel, enabled, snapshot } from '../../src/index.ts';

const out = channel(process.stdout, { label: 'stdout' });
for (const line of ['one', 'two', 'three']) out.write(`${line}\n`);
setTimeout(() => {
  if (!enabled) return;
  const row = snapshot().channels.find((candidate) => candidate.label === 'stdout');
  process.stderr.write(`stdout sent ${row?.sent} received ${row?.received} queued ${row?.queued}\n`);
}, 100);
