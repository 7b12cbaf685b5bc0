import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { displayWidth } from 'hotpath/text';
import { CannedSource, channelRow, snapshot, streamRow } from '../helpers/canned.ts';
import { type Console, KEYS, renderConsole, settle } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

/** The server's `?by=site` view: a busy per-request site, a finished one, and one of a single instance. */
function siteSource(): CannedSource {
  const canned = new CannedSource(
    snapshot({
      by: 'site',
      channels: [
        channelRow({
          id: 1,
          label: 'upper',
          hasCustomLabel: true,
          instances: 557,
          sent: 1114,
          received: 1111,
          queued: 3,
          capacity: 32,
          active: 3,
          states: { active: 3, closed: 554 },
        }),
        channelRow({ id: 2, label: 'done', instances: 4, state: 'closed', active: 0, states: { closed: 4 } }),
        channelRow({
          id: 3,
          label: 'alone',
          sent: 7,
          queued: 2,
          capacity: 4,
          active: 1,
          states: { active: 1 },
        }),
      ],
      streams: [
        streamRow({
          id: 1,
          label: 'body',
          instances: 2,
          yielded: 9,
          active: 1,
          states: { active: 1, closed: 1 },
        }),
      ],
    }),
  );
  canned.instances.set('channels:1', {
    elapsedMs: 10_000,
    total: 4,
    channels: [
      channelRow({ id: 555, label: 'upper-555', sent: 2, received: 1, queued: 1 }),
      channelRow({ id: 556, label: 'upper-556', sent: 2, received: 1, queued: 1 }),
      channelRow({ id: 557, label: 'upper-557', sent: 2, received: 1, queued: 1 }),
      channelRow({ id: 554, label: 'upper-554', state: 'closed', sent: 2, received: 2 }),
    ],
  });
  canned.details.set('channels:site:1', {
    id: 1,
    sentLogs: [
      { index: 2, timestampMs: 9_000, message: "'b'", instance: 'upper-557' },
      { index: 2, timestampMs: 8_000, message: "'a'", instance: 'upper-556' },
    ],
    receivedLogs: [],
  });
  canned.details.set('channels:555', {
    id: 555,
    sentLogs: [{ index: 1, timestampMs: 9_500, message: "'mine'" }],
    receivedLogs: [],
  });
  return canned;
}

test('site rows: one per site, the count of instances, live states in the State cell, no bar on a sum', async () => {
  open = renderConsole({ source: siteSource(), size: { columns: 120, rows: 24 } });
  await open.refresh();
  const rows = open.rows();
  assert.equal(rows.length, 3);
  assert.match(rows[0]!, /^upper \(×557\)\s+bounded\[10\]\s+3 active\s+1114\s+1111\s+3\s/);
  assert.doesNotMatch(rows[0]!, /[█░]/, 'a queue summed over instances has no fill bar');
  assert.match(rows[1]!, /^done \(×4\)\s+bounded\[10\]\s+closed\s/);
  assert.match(
    rows[2]!,
    /^alone\s+bounded\[10\]\s+active\s+7\s+0\s+███░░░ 2\/4/,
    'one instance reads as before',
  );
  assert.match(open.frame(), /3 active · 554 closed/, 'the selected site’s states in the status line');
  assert.match(open.frame(), /Enter\/→ instances/);
  await open.press('f');
  assert.deepEqual(
    open.rows().map((row) => row.split(/\s{2,}/)[0]),
    ['upper (×557)', 'alone'],
    'live only keeps the sites with a live instance',
  );
});

test('Enter lists a site’s instances, ← goes back; → too, and Esc; the selection is kept', async () => {
  const canned = siteSource();
  open = renderConsole({ source: canned, size: { columns: 120, rows: 24 } });
  const ui = open;
  await ui.refresh();
  await ui.press(KEYS.enter);
  await settle();
  await ui.refresh();
  assert.deepEqual(
    ui.rows().map((row) => row.split(/\s+/)[0]),
    ['upper-555', 'upper-556', 'upper-557', 'upper-554'],
  );
  assert.match(ui.frame(), /instances of upper \(×557\) \(3 active · 554 closed\) \(← back\)/);
  assert.ok(canned.detailRequests.includes('channels?site=1'));
  await ui.press('o');
  await settle();
  await ui.refresh();
  assert.match(ui.frame(), /Logs: upper-555/);
  assert.match(ui.frame(), /Msg\s+Delay\s+Ago\s+Value/, 'an instance’s own log names no instance');
  assert.match(ui.frame(), /#1\s+-\s+now\s+'mine'/);
  await ui.press(KEYS.escape);
  await ui.press(KEYS.left);
  assert.match(ui.rows()[0]!, /^upper \(×557\)/);
  assert.doesNotMatch(ui.frame(), /instances of/);
  await ui.press('j', KEYS.right);
  await settle();
  assert.match(ui.frame(), /instances of done \(×4\)/, '→ opens the selected site');
  await ui.press(KEYS.escape);
  assert.match(ui.frame(), /\[2\/3\]/, 'back on the same site');
});

test('o on a site row opens the site’s log: every instance’s entries, each naming its instance', async () => {
  const canned = siteSource();
  open = renderConsole({ source: canned, size: { columns: 120, rows: 24 } });
  await open.refresh();
  await open.press('o');
  await settle();
  await open.refresh();
  assert.ok(canned.detailRequests.includes('channels:site:1'));
  assert.match(open.frame(), /Logs \(all instances\): upper \(×557\)/);
  assert.match(open.frame(), /Msg\s+Instance\s+Delay/);
  assert.match(open.frame(), /#2\s+upper-557\s+-\s+1s ago\s+'b'/);
  assert.match(open.frame(), /#2\s+upper-556\s+-\s+2s ago\s+'a'/);
});

test('labels, logged values and errors from the program are shown escaped, and wide labels keep the columns', async () => {
  const canned = new CannedSource(
    snapshot({
      channels: [
        channelRow({ id: 1, label: 'evil\x1b[2J\x1b[31mRED', hasCustomLabel: true, sent: 1 }),
        channelRow({ id: 2, label: '上传队列🚀', hasCustomLabel: true, sent: 22 }),
        channelRow({ id: 3, label: 'plain', sent: 333 }),
      ],
    }),
  );
  canned.details.set('channels:1', {
    id: 1,
    sentLogs: [{ index: 1, timestampMs: 9_000, message: 'value\x1b]0;title\x07' }],
    receivedLogs: [],
  });
  open = renderConsole({ source: canned, size: { columns: 100, rows: 24 } });
  await open.refresh();
  const frame = open.frame();
  assert.ok(!frame.includes('\x1b[2J') && !frame.includes('\x1b[31m'), 'no raw escape sequence of the label');
  assert.match(frame, /\\x1b\[2J\\x1b\[31mRED /);
  const lines = frame.split('\n').filter((line) => /^[┃│]/.test(line));
  const sentAt = (label: string) => {
    const line = lines.find((l) => l.includes(label))!;
    const match = /\s(\d+)\s+0\s/.exec(line)!;
    return displayWidth(line.slice(0, match.index + match[0].indexOf(match[1]!) + match[1]!.length));
  };
  assert.equal(sentAt('上传队列🚀'), sentAt('plain'), 'the Sent column ends at the same column');
  assert.ok(lines.every((line) => displayWidth(line) === displayWidth(lines[0]!)));
  await open.press('o');
  await settle();
  await open.refresh();
  assert.match(open.frame(), /value\\x1b\]0;title…/);
  canned.set({ phase: 'stale', problem: 'reset by \x1b[2Jpeer' });
  await open.refresh();
  assert.match(open.frame(), /reset by \\x1b\[2Jpeer/);
});
