import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { CannedSource, channelRow, futureRow, snapshot } from '../helpers/canned.ts';
import { type Console, renderConsole } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

const REFUSED = 'nothing is listening on 127.0.0.1:6770 — start your program with HOTPATH=1';

test('before any data: Connecting, and the reason once an attempt failed', async () => {
  const source = new CannedSource();
  open = renderConsole({ source });
  let frame = await open.refresh();
  assert.match(frame, /⋯ Connecting to 127\.0\.0\.1:6770…/);
  assert.match(frame, /Connecting to 127\.0\.0\.1:6770…/);

  source.set({ phase: 'connecting', problem: REFUSED });
  frame = await open.refresh();
  assert.match(
    frame,
    /⋯ Connecting — nothing is listening on 127\.0\.0\.1:6770 — start your program with HOTPATH=1/,
  );
  assert.match(frame, /Cannot read 127\.0\.0\.1:6770/);
  assert.match(frame, /Retrying every second/);
});

test('data, then the connection breaks: Stale with the reason, the last data still shown', async () => {
  const source = new CannedSource(snapshot({ channels: [channelRow({ id: 1, label: 'jobs', sent: 42 })] }));
  open = renderConsole({ source });
  let frame = await open.refresh();
  assert.match(frame, /✓ Live \(updated now\)/);
  source.set({ phase: 'stale', problem: '127.0.0.1:6770 closed the connection (did the program exit?)' });
  frame = await open.refresh();
  assert.match(
    frame,
    /⚠ Stale \(updated now\) — 127\.0\.0\.1:6770 closed the connection \(did the program exit\?\)/,
  );
  assert.match(open.rows()[0]!, /^jobs .* 42 /);
});

test('a feed that goes quiet turns Stale by itself', async () => {
  const source = new CannedSource(snapshot({ channels: [channelRow({ id: 1, label: 'jobs' })] }));
  source.set({ receivedAt: Date.now() - 60_000 });
  open = renderConsole({ source });
  const frame = await open.refresh();
  assert.match(frame, /⚠ Stale \(updated 1m ago\) — no update from 127\.0\.0\.1:6770/);
});

test('connected but nothing monitored: each tab says how to get rows', async () => {
  open = renderConsole({ source: new CannedSource(snapshot()) });
  let frame = await open.refresh();
  assert.match(frame, /No channels monitored yet/);
  assert.match(frame, /Wrap one with channel\(…\) and run the program with HOTPATH=1/);
  frame = await open.press('3');
  assert.match(frame, /No futures monitored yet/);
  assert.match(frame, /future\(…\) or futureFn\(…\)/);
});

test('unknown fields are tolerated: optional columns appear, nulls and odd values read "-"', async () => {
  const source = new CannedSource(
    snapshot({
      channels: [
        channelRow({ id: 1, label: 'lossy', dropped: 17, sent: 'many' as unknown as number, delay: null }),
        channelRow({ id: 2, label: 'ok', sent: 3 }),
      ],
      futures: [futureRow({ id: 3, label: 'poll-me', calls: 2, polls: 9, untracked: null })],
    }),
  );
  open = renderConsole({ source, size: { columns: 160, rows: 20 } });
  let frame = await open.refresh();
  assert.match(frame, /Dropped/);
  assert.match(open.rows()[0]!, /^lossy\s.*\s-\s.*\s17\s/);
  frame = await open.press('3');
  assert.match(frame, /Polls/);
  assert.match(frame, /Untracked/);
  assert.match(open.rows()[0]!, /^poll-me\s+2\s+9\s/);
});

test('summary rows say how many finished instances they stand for; totals beyond the limit are named', async () => {
  const source = new CannedSource(
    snapshot({
      channels: [channelRow({ id: 1, label: 'reply', instances: 240, type: 'oneshot', state: 'closed' })],
      totals: { channels: 5000, streams: 0, futures: 0 },
    }),
  );
  open = renderConsole({ source });
  const frame = await open.refresh();
  assert.match(open.rows()[0]!, /^reply \(×240\)/);
  assert.match(frame, /\[1\] Channels \(5000\)\*/);
  assert.match(frame, /first 1 of 5000/);
});

test('a narrow terminal drops the least useful columns and keeps label, state and counts', async () => {
  const source = new CannedSource(
    snapshot({ channels: [channelRow({ id: 1, label: 'jobs', sent: 5, received: 4, queued: 1 })] }),
  );
  open = renderConsole({ source, size: { columns: 60, rows: 16 } });
  const frame = await open.refresh();
  const header = frame.split('\n').find((line) => /^[┃│]Channel/.test(line))!;
  assert.match(header, /Channel\s+State\s+Sent\s+Recv/);
  assert.doesNotMatch(header, /p99|Mem|Kind/);
  assert.ok(
    frame.split('\n').every((line) => line.length <= 60),
    'nothing wider than the screen',
  );
});
