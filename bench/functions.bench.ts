/**
 * `measure` on a small synchronous function, called in a tight loop: raw vs monitoring off vs on vs on
 * with `log`; and `measureBlock` around the same work. Budget (hotpath-rs's published figure): on costs
 * at most 40 ns more per call than raw.
 */

import { measureBlockOn } from '../packages/hotpath/src/functions/block.ts';
import { measureFunction } from '../packages/hotpath/src/functions/measure.ts';
import { measureBlock, measure as measureExport } from '../packages/hotpath/src/index.ts';
import { type BenchResult, measure } from './harness.ts';

/** Enough work that the call is not folded away, little enough that the wrapper dominates. */
function work(x: number): number {
  return (x * 31 + 7) % 1009;
}

type Work = typeof work;
const off: Work = measureExport(work); // this process runs without HOTPATH: the identity path
const on: Work = measureFunction(work, { label: 'bench' }, null);
const logged: Work = measureFunction(work, { label: 'bench-log', log: true }, null);

function calls(fn: Work) {
  return (ops: number) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) sum += fn(i);
    if (sum < 0) throw new Error('unreachable');
  };
}

function blocks(run: (label: string, body: () => number) => number) {
  return (ops: number) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) sum += run('bench-block', () => work(i));
    if (sum < 0) throw new Error('unreachable');
  };
}

export async function run(): Promise<BenchResult[]> {
  return [
    await measure({
      name: 'measure sync fn, tight loop',
      ops: 2_000_000,
      minRoundMs: 20,
      variants: { raw: calls(work), off: calls(off), on: calls(on), log: calls(logged) },
      budget: { onExtraNs: 40 },
      hotpathRs: '~40 ns',
    }),
    await measure({
      name: 'measureBlock around a sync body',
      ops: 1_000_000,
      minRoundMs: 20,
      variants: {
        raw: blocks((_label, body) => body()),
        off: blocks(measureBlock),
        on: blocks((label, body) => measureBlockOn(label, body, measureBlock)),
      },
    }),
  ];
}
