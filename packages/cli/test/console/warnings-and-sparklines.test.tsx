/**
 * The console's diagnosis: a `⚠` column on rows that raise a lint, one line of warnings under the status,
 * `w` to list them all, and sparklines of a row's history (in the table and in the detail panel).
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Lint } from 'hotpath';
import { CannedSource, channelRow, futureRow, snapshot } from '../helpers/canned.ts';
import { type Console, KEYS, renderConsole } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

const jobsFull: Lint = {
  lint: 'channel-full',
  rowId: 1,
  kind: 'channel',
  label: 'jobs',
  since: 3200,
  message: 'producer waits on jobs: full in 100% of the last 10 s; its consumer is the bottleneck',
};
const hang: Lint = {
  lint: 'future-pending',
  rowId: 1,
  kind: 'future',
  label: 'waitForever',
  since: 100,
  message: 'waitForever: a call has been pending for 35 s\u001b[2J',
};

const history = (queued: number[]) => ({
  intervalMs: 1000,
  queued,
  sentPerSecond: queued.map(() => 25),
  receivedPerSecond: queued.map(() => 10),
});

function source(lints: Lint[] = [jobsFull, hang]) {
  return new CannedSource(
    snapshot({
      channels: [
        channelRow({
          id: 1,
          label: 'jobs',
          queued: 8,
          capacity: 8,
          state: 'full',
          history: history([0, 2, 4, 8, 8]),
        }),
        channelRow({ id: 2, label: 'events', history: history([0, 0, 0, 0, 0]) }),
      ],
      futures: [futureRow({ id: 1, label: 'waitForever', calls: 1, pending: 1 })],
      lints,
    }),
  );
}

test('rows raising a lint get ⚠; the warnings line says how many and the first; rows without stay blank', async () => {
  open = renderConsole({ source: source() });
  const frame = await open.refresh();
  assert.match(
    frame,
    /⚠ 2 warnings: producer waits on jobs: full in 100% of the last 10 s; its consumer is th/,
  );
  const rows = open.rows();
  const jobs = rows.find((row) => row.startsWith('jobs'))!;
  const events = rows.find((row) => row.startsWith('events'))!;
  assert.match(jobs, /^jobs\s+⚠/);
  assert.doesNotMatch(events, /⚠/);
  assert.match(frame, /w 2 warnings ·/);
});

test('no lint: no ⚠ column, no warnings line, the layout of before', async () => {
  open = renderConsole({ source: source([]) });
  const frame = await open.refresh();
  assert.doesNotMatch(frame, /warning/);
  // The state column still says `⚠ full`; there is no ⚠ column after the label.
  assert.match(open.rows().find((row) => row.startsWith('jobs'))!, /^jobs\s+bounded/);
});

test('w lists every warning with its lint and since; control characters shown, not obeyed; w closes it', async () => {
  open = renderConsole({ source: source() });
  await open.refresh();
  const list = await open.press('w');
  assert.match(list, /Warnings \(2\)/);
  assert.match(list, /⚠ channel-full\s+since 3\.2s\s+producer waits on jobs/);
  assert.match(
    list,
    /⚠ future-pending\s+since 0\.1s\s+waitForever: a call has been pending for 35 s\\x1b\[2J/,
  );
  assert.match(list, /w\/Esc close warnings/);
  const back = await open.press('w');
  assert.doesNotMatch(back, /Warnings \(2\)/);
  assert.match(back, /jobs/);
  await open.press('w');
  const closed = await open.press(KEYS.escape);
  assert.doesNotMatch(closed, /Warnings \(2\)/);
  // A tab key leaves the list for that tab.
  await open.press('w');
  assert.match(await open.press('3'), /waitForever/);
  assert.doesNotMatch(open.frame(), /Warnings \(2\)/);
});

test('the futures tab marks the pending row too: lints match rows by kind and id', async () => {
  open = renderConsole({ source: source(), initialTab: 'futures' });
  await open.refresh();
  const row = open.rows().find((line) => line.startsWith('waitForever'))!;
  assert.match(row, /^waitForever\s+⚠/);
});

test('the queue trend column draws the history; the detail panel draws queue and rate sparklines', async () => {
  const canned = source([]);
  canned.details.set('channels:site:1', { id: 1, sentLogs: [], receivedLogs: [] });
  canned.details.set('channels:1', { id: 1, sentLogs: [], receivedLogs: [] });
  open = renderConsole({ source: canned, size: { columns: 160, rows: 30 } });
  const frame = await open.refresh();
  assert.match(frame, /Queue trend/);
  const jobs = open.rows().find((row) => row.startsWith('jobs'))!;
  assert.match(jobs, /▁▃▅██/);
  const panel = await open.press('o');
  assert.match(panel, /queue\s+▁▃▅██ 8/);
  assert.match(panel, /sent\s+█+ 25\/s/);
  assert.match(panel, /recv\s+█+ 10\/s/);
});

test('a pipeline stage’s detail panel names the row that feeds it (escaped), above its sparklines', async () => {
  const canned = new CannedSource(
    snapshot({
      channels: [
        channelRow({ id: 1, label: 'parse', history: history([1, 1, 1]) }),
        channelRow({
          id: 2,
          label: 'enrich',
          history: history([8, 8, 8]),
          after: { rowId: 1, kind: 'channel', label: 'parse\u001b[2J' },
        }),
      ],
      lints: [],
    }),
  );
  for (const id of [1, 2]) {
    canned.details.set(`channels:site:${id}`, { id, sentLogs: [], receivedLogs: [] });
    canned.details.set(`channels:${id}`, { id, sentLogs: [], receivedLogs: [] });
  }
  open = renderConsole({ source: canned, size: { columns: 160, rows: 30 } });
  await open.refresh();
  const first = await open.press('o');
  assert.doesNotMatch(first, /after\s+parse/, 'parse is fed by nothing');
  await open.press(KEYS.left);
  const panel = await open.press(KEYS.down);
  assert.match(panel, /Logs: enrich/);
  assert.match(panel, /after\s+parse\\x1b\[2J/);
  assert.ok(!panel.includes('\u001b[2J'), 'the escape is shown, not obeyed');
});
