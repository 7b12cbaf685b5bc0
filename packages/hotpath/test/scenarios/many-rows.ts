// A report far larger than a pipe's buffer: every row must arrive.
import { channel } from '../../src/index.ts';
import { unbounded } from '../../src/primitives/index.ts';

const keep = [];
for (let i = 0; i < 3000; i++)
  keep.push(channel(unbounded<number>(), { label: `row-${String(i).padStart(4, '0')}` }));
console.log('made', keep.length);
