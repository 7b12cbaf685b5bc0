import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { CannedSource, channelRow, snapshot } from '../helpers/canned.ts';
import { type Console, KEYS, renderConsole } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

const channels = [
  channelRow({ id: 1, label: 'jobs', hasCustomLabel: true, sent: 50, state: 'full', queued: 10 }),
  channelRow({ id: 2, label: 'events', hasCustomLabel: true, type: 'unbounded', capacity: null, sent: 900 }),
  channelRow({ id: 3, label: 'app/reply.ts:7', type: 'oneshot', capacity: 1, sent: 1, state: 'notified' }),
  channelRow({
    id: 4,
    label: 'results',
    hasCustomLabel: true,
    type: 'unbounded',
    capacity: null,
    sent: 120,
    queued: 4,
  }),
];

const labels = (ui: Console) => ui.rows().map((row) => row.split(/\s+/)[0]);

test('s cycles the sort column, S reverses it, and the header and status show which', async () => {
  open = renderConsole({ source: new CannedSource(snapshot({ channels })) });
  const ui = open;
  await ui.refresh();
  assert.deepEqual(labels(ui), ['jobs', 'events', 'app/reply.ts:7', 'results'], "the server's order first");

  await ui.press('s');
  assert.deepEqual(labels(ui), ['app/reply.ts:7', 'events', 'jobs', 'results'], 'by label, A to Z');
  assert.match(ui.frame(), /Channel▲/);
  assert.match(ui.frame(), /sort Channel▲/);

  await ui.press('S');
  assert.deepEqual(labels(ui), ['results', 'jobs', 'events', 'app/reply.ts:7'], 'reversed');

  await ui.press('s', 's', 's');
  assert.match(ui.frame(), /▼Sent/);
  assert.deepEqual(labels(ui), ['events', 'results', 'jobs', 'app/reply.ts:7'], 'by sent, most first');

  await ui.press('S');
  assert.deepEqual(labels(ui), ['app/reply.ts:7', 'jobs', 'results', 'events'], 'by sent, fewest first');
});

test('sorting keeps the selected row selected', async () => {
  open = renderConsole({ source: new CannedSource(snapshot({ channels })) });
  const ui = open;
  await ui.refresh();
  await ui.press('j');
  assert.match(ui.frame(), /\[2\/4\]/, 'events selected');
  await ui.press('s');
  assert.match(ui.frame(), /\[2\/4\]/, 'events is second by label too');
  await ui.press('S');
  assert.match(ui.frame(), /\[3\/4\]/, 'and third in reverse');
});

test('/ filters rows by text as it is typed; Enter keeps it, Esc clears it', async () => {
  open = renderConsole({ source: new CannedSource(snapshot({ channels })) });
  const ui = open;
  await ui.refresh();
  await ui.press('/');
  assert.match(ui.frame(), / \/ +Enter keep · Esc clear/);
  await ui.press('r', 'e');
  assert.deepEqual(labels(ui), ['app/reply.ts:7', 'results'], 'label substring, any case');
  await ui.press(KEYS.backspace, KEYS.backspace, 'u', 'n', 'b');
  assert.deepEqual(labels(ui), ['events', 'results'], 'type matches too (unbounded)');
  await ui.press(KEYS.enter);
  assert.match(ui.frame(), /filter "unb"/);
  assert.match(ui.frame(), /s\/S sort/, 'the help line is back');
  await ui.press('j');
  assert.match(ui.frame(), /\[2\/2\]/, 'keys navigate again after Enter');
  await ui.press(KEYS.escape);
  assert.equal(labels(ui).length, 4);
  assert.doesNotMatch(ui.frame(), /filter "/);
});

test('a filter that matches nothing says so', async () => {
  open = renderConsole({ source: new CannedSource(snapshot({ channels })) });
  const ui = open;
  await ui.refresh();
  await ui.press('/', 'zzz', KEYS.enter);
  assert.match(ui.frame(), /No channel matches "zzz"/);
  assert.match(ui.frame(), /Esc clears the filter/);
});

test('the queue fill bar: full at capacity, no bar where the capacity is unknown', async () => {
  open = renderConsole({ source: new CannedSource(snapshot({ channels })) });
  const ui = open;
  await ui.refresh();
  const [jobs, events, reply] = ui.rows();
  assert.match(jobs!, /⚠ full .*██████ 10\/10/);
  assert.match(events!, /active .* 0 /);
  assert.doesNotMatch(events!, /█|░/, 'no bar without a capacity');
  assert.match(reply!, /notified .*░░░░░░ 0\/1/);
});

test('f hides finished rows (and summaries of finished instances) and shows them again', async () => {
  const withSummary = [
    ...channels,
    channelRow({ id: 5, label: 'reply', type: 'oneshot', instances: 30, state: 'closed' }),
  ];
  open = renderConsole({ source: new CannedSource(snapshot({ channels: withSummary })) });
  const ui = open;
  await ui.refresh();
  assert.equal(labels(ui).length, 5);
  await ui.press('f');
  assert.deepEqual(labels(ui), ['jobs', 'events', 'results']);
  assert.match(ui.frame(), /live only \(2 finished hidden\)/);
  await ui.press('f');
  assert.equal(labels(ui).length, 5);
  open.unmount();
  open = renderConsole({
    source: new CannedSource(snapshot({ channels: [channelRow({ id: 9, label: 'done', state: 'closed' })] })),
  });
  await open.refresh();
  await open.press('f');
  assert.match(open.frame(), /All 1 channels have finished/);
  assert.match(open.frame(), /f shows them again/);
});
