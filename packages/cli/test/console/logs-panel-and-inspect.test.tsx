import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { CannedSource, channelRow, futureRow, snapshot, streamRow } from '../helpers/canned.ts';
import { type Console, KEYS, renderConsole, settle } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

const LONG = `{ id: 2, payload: '${'x'.repeat(250)}END' }`;

function source(): CannedSource {
  const canned = new CannedSource(
    snapshot({
      elapsedMs: 10_000,
      channels: [
        channelRow({ id: 1, label: 'jobs', hasCustomLabel: true }),
        channelRow({ id: 2, label: 'quiet' }),
      ],
      streams: [streamRow({ id: 5, label: 'access-log' })],
      futures: [futureRow({ id: 7, label: 'fetchUser', calls: 3 })],
    }),
  );
  canned.details.set('channels:1', {
    id: 1,
    sentLogs: [
      { index: 2, timestampMs: 9_000, message: LONG },
      { index: 1, timestampMs: 4_000, message: '{ id: 1 }' },
    ],
    receivedLogs: [{ index: 1, timestampMs: 4_250, message: null }],
  });
  canned.details.set('channels:2', { id: 2, sentLogs: [], receivedLogs: [] });
  canned.details.set('streams:5', { id: 5, logs: [{ index: 12, timestampMs: 9_500, message: "'GET /'" }] });
  canned.details.set('futures:7', {
    id: 7,
    calls: [
      { id: 3, state: 'pending', startedMs: 9_900, durationMs: null, polls: null, result: null },
      { id: 2, state: 'rejected', startedMs: 9_000, durationMs: 40, polls: 2, result: 'Error: declined' },
      {
        id: 1,
        state: 'resolved',
        startedMs: 8_000,
        durationMs: 12.5,
        polls: null,
        result: "{ name: 'ada' }",
      },
    ],
  });
  return canned;
}

test('o opens the logs of the selected channel: newest first, delay paired by index, age', async () => {
  const canned = source();
  open = renderConsole({ source: canned });
  const ui = open;
  await ui.refresh();
  const frame = await ui.press('o');
  await settle();
  assert.match(ui.frame(), /Logs: jobs \[1\/2\]/);
  assert.match(ui.frame(), /#2\s+queued\s+1s ago\s+\{ id: 2, payload:…/, 'not received yet');
  assert.match(ui.frame(), /#1\s+250\.0ms\s+6s ago\s+\{ id: 1 \}/, 'received 250 ms after it was sent');
  assert.deepEqual(canned.detailRequests.slice(0, 1), ['channels:1']);
  assert.ok(frame.includes('i inspect'), 'the help line offers inspect once the panel has focus');
});

test('i shows the full value in a popup; j moves to the next entry; i closes it', async () => {
  open = renderConsole({ source: source() });
  const ui = open;
  await ui.refresh();
  await ui.press('o');
  await settle();
  let frame = await ui.press('i');
  assert.match(frame, /Message #2 — sent 1s ago, delay queued/);
  assert.match(frame.replace(/[║\s]/g, ''), /x{250}END'\}/, 'the whole value, wrapped over lines');
  frame = await ui.press('j');
  assert.match(frame, /Message #1 — sent 6s ago, delay 250\.0ms/, 'the popup follows the selected entry');
  frame = await ui.press('i');
  assert.doesNotMatch(frame, /Message #1 —/);
  assert.match(frame, /Logs: jobs \[2\/2\]/);
});

test('h and ← go back to the table; moving there follows another row; o closes the panel', async () => {
  const canned = source();
  open = renderConsole({ source: canned });
  const ui = open;
  await ui.refresh();
  await ui.press('l');
  await settle();
  assert.match(ui.frame(), /Logs: jobs/, 'l opens the panel too');
  await ui.press('h', 'j');
  await settle();
  assert.match(ui.frame(), /Logs: quiet/);
  assert.match(ui.frame(), /values not logged: use \{ log: true \}/);
  await ui.press(KEYS.right, KEYS.left, 'k');
  await settle();
  assert.match(ui.frame(), /Logs: jobs/);
  await ui.press('o');
  assert.doesNotMatch(ui.frame(), /Logs: /);
});

test('streams show their items; futures their calls, with null durations as "-"', async () => {
  open = renderConsole({ source: source() });
  const ui = open;
  await ui.refresh();
  await ui.press('2', 'o');
  await settle();
  assert.match(ui.frame(), /Logs: access-log/);
  assert.match(ui.frame(), /#12\s+now\s+'GET \/'/);
  await ui.press('3');
  await settle();
  assert.match(ui.frame(), /Calls: fetchUser \[1\/3\]/);
  assert.match(ui.frame(), /#3\s+pending\s+-\s+-\s+-/);
  assert.match(ui.frame(), /#2\s+rejected\s+40\.00ms\s+2\s+Error: de/);
  await ui.press('l', 'G', 'i');
  assert.match(ui.frame(), /Call #1 — resolved, 12\.50ms, polls -/);
  assert.match(ui.frame(), /\{ name: 'ada' \}/);
  await ui.press('o');
  assert.doesNotMatch(ui.frame(), /Call #1 —|Calls: /, 'o from the popup closes popup and panel');
});

test('a logs request that fails shows why in the panel', async () => {
  const canned = source();
  canned.details.delete('channels:1');
  open = renderConsole({ source: canned });
  const ui = open;
  await ui.refresh();
  await ui.press('o');
  await settle();
  assert.match(ui.frame(), /\(no channels with id 1\)/);
});

test('the selected log entry stays selected while newer entries arrive above it', async () => {
  const canned = source();
  open = renderConsole({ source: canned });
  const ui = open;
  await ui.refresh();
  await ui.press('o');
  await settle();
  await ui.press('j');
  assert.match(ui.frame(), /Logs: jobs \[2\/2\]/);
  canned.details.set('channels:1', {
    id: 1,
    sentLogs: [
      { index: 4, timestampMs: 9_900, message: '{ id: 4 }' },
      { index: 3, timestampMs: 9_800, message: '{ id: 3 }' },
      { index: 2, timestampMs: 9_000, message: LONG },
      { index: 1, timestampMs: 4_000, message: '{ id: 1 }' },
    ],
    receivedLogs: [],
  });
  canned.push(
    snapshot({ elapsedMs: 10_000, channels: [channelRow({ id: 1, label: 'jobs', hasCustomLabel: true })] }),
  );
  await ui.refresh();
  await settle();
  assert.match(ui.frame(), /Logs: jobs \[4\/4\]/, 'still on #1, now fourth');
  await ui.press('i');
  assert.match(ui.frame(), /Message #1 —/);
});

test('a summary row of finished instances says it keeps no logs, and asks the server for none', async () => {
  const canned = new CannedSource(
    snapshot({ channels: [channelRow({ id: 8, label: 'reply', instances: 120, state: 'closed' })] }),
  );
  open = renderConsole({ source: canned });
  const ui = open;
  await ui.refresh();
  await ui.press('o');
  await settle();
  assert.match(ui.frame(), /a summary of 120 finished instances: no logs/);
  assert.deepEqual(canned.detailRequests, []);
});

test('a channel without delay figures (not first-in first-out) gets no paired delays', async () => {
  const canned = source();
  canned.push(
    snapshot({
      elapsedMs: 10_000,
      channels: [channelRow({ id: 1, label: 'jobs', hasCustomLabel: true, received: 1, delay: null })],
    }),
  );
  open = renderConsole({ source: canned });
  const ui = open;
  await ui.refresh();
  await ui.press('o');
  await settle();
  assert.match(ui.frame(), /#1\s+-\s+6s ago\s+\{ id: 1 \}/);
  assert.doesNotMatch(ui.frame(), /250\.0ms|queued/);
});
