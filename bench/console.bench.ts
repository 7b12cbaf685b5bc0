/**
 * The console with 10,000 channel rows: what one refresh costs the console's process. "raw" is parsing the
 * event's JSON (what any client pays); "on" is the same plus everything the console does with it — rows
 * read, rates, sorted by Sent, the visible window laid out and drawn by Ink (to a string, not a terminal).
 *
 *   node --import tsx bench/console.bench.ts
 */

import { pathToFileURL } from 'node:url';
import { CannedSource, channelRow, snapshot } from '../packages/cli/test/helpers/canned.ts';
import type { Snapshot } from '../packages/hotpath/src/types.ts';
import { type BenchResult, median } from './harness.ts';

const ROWS = 10_000;
const ROUNDS = 30;

function eventText(round: number): string {
  const channels = Array.from({ length: ROWS }, (_, i) =>
    channelRow({
      id: i + 1,
      label: `pipeline/stage-${i % 300}.ts:${10 + (i % 40)}${i >= 300 ? `-${Math.floor(i / 300) + 1}` : ''}`,
      sent: i * 7 + round * (i % 13),
      received: i * 7,
      queued: (i + round) % 11,
      delay: { samples: 10, p50Ms: 0.2, p95Ms: 1.5, p99Ms: 3, maxMs: 9 },
    }),
  );
  return JSON.stringify(snapshot({ elapsedMs: 1000 * (round + 1), channels }));
}

export async function run(): Promise<BenchResult[]> {
  // As `hotpath console` does (src/main.ts): React's production build, chosen when it is first loaded.
  process.env.NODE_ENV = 'production';
  const { render } = await import('ink-testing-library');
  const { createElement } = await import('react');
  const { App } = await import('../packages/cli/src/console/App.tsx');
  const texts = Array.from({ length: ROUNDS + 5 }, (_, round) => eventText(round));
  const source = new CannedSource(JSON.parse(texts[0]!) as Snapshot);
  const instance = render(createElement(App, { source, size: { columns: 120, rows: 40 } }));
  // Sorted by Sent (the 4th column), biggest first: every refresh re-sorts all rows.
  for (const key of ['s', 's', 's', 's']) instance.stdin.write(key);
  const frameAfter = async (text: string) => {
    const before = instance.frames.length;
    source.push(JSON.parse(text) as Snapshot);
    while (instance.frames.length === before) await new Promise((resolve) => setImmediate(resolve));
  };
  for (let i = 1; i < 5; i++) await frameAfter(texts[i]!);
  const raw: number[] = [];
  const on: number[] = [];
  for (let round = 5; round < texts.length; round++) {
    let started = process.hrtime.bigint();
    JSON.parse(texts[round]!);
    raw.push(Number(process.hrtime.bigint() - started));
    started = process.hrtime.bigint();
    await frameAfter(texts[round]!);
    on.push(Number(process.hrtime.bigint() - started));
  }
  if (!/▼Sent/.test(instance.lastFrame() ?? '')) throw new Error('the bench did not sort by Sent');
  instance.unmount();
  instance.cleanup();
  return [
    {
      name: `console: one refresh, ${ROWS} channel rows sorted by Sent`,
      baseline: 'JSON.parse',
      rawNs: median(raw),
      onNs: median(on),
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [result] = await run();
  console.log(
    `${result!.name}: parse ${(result!.rawNs / 1e6).toFixed(1)} ms, parse + frame ${(result!.onNs / 1e6).toFixed(1)} ms (${(result!.onNs / result!.rawNs).toFixed(1)}×)`,
  );
}
