import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { RuntimeStats } from 'hotpath';
import { sparkline } from '../../src/console/RuntimeView.tsx';
import { CannedSource, channelRow, snapshot } from '../helpers/canned.ts';
import { type Console, renderConsole } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

const loop = { delayP50Ms: 0.5, delayP99Ms: 12, delayMaxMs: 310, utilization: 0.25 };
const heap = { usedBytes: 8 * 1024 * 1024, totalBytes: 16 * 1024 * 1024, limitBytes: 4 * 1024 ** 3 };
const runtime: RuntimeStats = {
  intervalMs: 1000,
  eventLoop: loop,
  heap,
  rssBytes: 90 * 1024 * 1024,
  externalBytes: 1024,
  arrayBuffersBytes: 0,
  gc: { count: 3, totalMs: 4.5, byKind: { minor: { count: 3, totalMs: 4.5 } } },
  stalls: [{ atMs: 1500, durationMs: 290 }],
  stallCount: 1,
  activeResources: { TCPServerWrap: 1 },
  threads: [
    {
      threadId: 0,
      name: 'main',
      alive: true,
      monitored: true,
      eventLoop: loop,
      heap,
      utilizationHistory: [0, 0.5, 1],
      delayP99History: [1, 2, 3],
    },
    {
      threadId: 7,
      name: 'worker 7\u001b[2J',
      alive: false,
      monitored: true,
      eventLoop: loop,
      utilizationHistory: [],
      delayP99History: [],
    },
  ],
};

test('the Thread column appears only once a worker has rows; main rows read "main"', async () => {
  const mainOnly = new CannedSource(snapshot({ channels: [channelRow({ id: 1, label: 'jobs' })] }));
  open = renderConsole({ source: mainOnly });
  let frame = await open.refresh();
  assert.doesNotMatch(frame, /Thread/);
  open.unmount();
  const mixed = new CannedSource(
    snapshot({
      channels: [
        channelRow({ id: 1, label: 'jobs', sent: 5 }),
        channelRow({ id: 7 * 2 ** 32 + 1, label: 'worker-work', threadId: 7, sent: 1000 }),
      ],
    }),
  );
  open = renderConsole({ source: mixed });
  frame = await open.refresh();
  assert.match(frame, /Channel\s+Thread\s+Type/);
  assert.ok(open.rows().some((row) => /^jobs\s+main\s/.test(row)));
  assert.ok(open.rows().some((row) => /^worker-work\s+7\s.*1000/.test(row)));
});

test('tab 4 shows threads, memory, GC and stalls; control characters from the wire never reach the terminal', async () => {
  open = renderConsole({ source: new CannedSource(snapshot({ runtime })) });
  await open.refresh();
  const frame = await open.press('4');
  assert.match(frame, /\[4\] Runtime\*/);
  assert.match(frame, /0 main\s+25\.0% ▁▅█/);
  assert.match(frame, /7 worker 7\\x1b\[2J/);
  assert.ok(!frame.includes('\u001b[2J'), 'the escape sequence is gone');
  assert.match(frame, /GC\s+3 collections, 4\.50ms in all \(minor 3\)/);
  assert.match(frame, /Loop stalls ≥ 100 ms: 1/);
  assert.match(frame, /at 1\.50s for 290\.0ms/);
  const back = await open.press('1');
  assert.match(back, /\[1\] Channels \(0\)\*/);
});

test('tab 4 against a server without runtime figures says so instead of failing', async () => {
  open = renderConsole({ source: new CannedSource(snapshot()) });
  await open.refresh();
  assert.match(await open.press('4'), /No runtime figures yet/);
});

test('sparkline: 0 to max as eight levels, newest at the right, unknowns blank', () => {
  assert.equal(sparkline([0, 0.5, 1, null], 1, 10), '▁▅█ ');
  assert.equal(sparkline([0, 1, 1], 1, 2), '██');
});
