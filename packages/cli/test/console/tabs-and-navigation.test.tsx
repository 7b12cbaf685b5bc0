import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { CannedSource, channelRow, futureRow, snapshot, streamRow } from '../helpers/canned.ts';
import { type Console, KEYS, renderConsole } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

function start(source: CannedSource): Console {
  open = renderConsole({ source });
  return open;
}

const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    channelRow({ id: i + 1, label: `queue-${String(i + 1).padStart(5, '0')}`, sent: i }),
  );

test('tabs 1-3 switch between channels, streams and futures', async () => {
  const source = new CannedSource(
    snapshot({
      channels: [channelRow({ id: 1, label: 'jobs', hasCustomLabel: true })],
      streams: [streamRow({ id: 2, label: 'access-log', yielded: 77 })],
      futures: [futureRow({ id: 3, label: 'fetchUser', calls: 9, resolved: 8, pending: 1 })],
    }),
  );
  const ui = start(source);
  let frame = await ui.refresh();
  assert.match(frame, /\[1\] Channels \(1\)\*/);
  assert.match(frame, /jobs/);
  assert.doesNotMatch(frame, /access-log/);

  frame = await ui.press('2');
  assert.match(frame, /\[2\] Streams \(1\)\*/);
  assert.match(frame, /Yielded/);
  assert.match(ui.rows()[0]!, /^access-log .* 77 /);

  frame = await ui.press('3');
  assert.match(frame, /\[3\] Futures \(1\)\*/);
  assert.match(ui.rows()[0]!, /^fetchUser\s+9\s+1\s+8\s/);

  frame = await ui.press('1');
  assert.match(frame, /\[1\] Channels \(1\)\*/);
});

test('j/k, arrows, PgUp/PgDn, Home/End move the selection and stop at the ends', async () => {
  const ui = start(new CannedSource(snapshot({ channels: many(100) })));
  await ui.refresh();
  const position = () => /\[(\d+)\/100\]/.exec(ui.frame())?.[1];
  assert.equal(position(), '1');
  await ui.press('k');
  assert.equal(position(), '1', 'does not wrap above the first row');
  await ui.press('j', 'j', KEYS.down);
  assert.equal(position(), '4');
  await ui.press(KEYS.up);
  assert.equal(position(), '3');
  await ui.press(KEYS.pageDown);
  const page = Number(position()) - 3;
  assert.ok(page > 5, `a page is a screenful of rows, moved ${page}`);
  await ui.press(KEYS.end);
  assert.equal(position(), '100');
  assert.match(ui.rows().at(-1)!, /^queue-00100/, 'the window scrolled to the last row');
  await ui.press('j');
  assert.equal(position(), '100', 'does not wrap below the last row');
  await ui.press(KEYS.pageUp);
  assert.equal(Number(position()), 100 - page);
  await ui.press(KEYS.home);
  assert.equal(position(), '1');
  assert.match(ui.rows()[0]!, /^queue-00001/);
});

test('the selection follows its row by id when a refresh reorders the rows', async () => {
  const source = new CannedSource(
    snapshot({
      channels: [
        channelRow({ id: 1, label: 'a' }),
        channelRow({ id: 2, label: 'b' }),
        channelRow({ id: 3, label: 'c' }),
      ],
    }),
  );
  const ui = start(source);
  await ui.refresh();
  await ui.press('j');
  assert.match(ui.frame(), /\[2\/3\]/);
  source.push(
    snapshot({
      channels: [
        channelRow({ id: 0, label: 'new' }),
        channelRow({ id: 3, label: 'c' }),
        channelRow({ id: 1, label: 'a' }),
        channelRow({ id: 2, label: 'b' }),
      ],
    }),
  );
  await ui.refresh();
  assert.match(ui.frame(), /\[4\/4\]/, 'row b (id 2) is now fourth and still selected');
  source.push(
    snapshot({ channels: [channelRow({ id: 0, label: 'new' }), channelRow({ id: 3, label: 'c' })] }),
  );
  await ui.refresh();
  assert.match(ui.frame(), /\[2\/2\]/, 'a vanished row leaves the selection at the nearest position');
});

test('10,000 rows: only the visible window is drawn, and End reaches the last row', async () => {
  const ui = start(new CannedSource(snapshot({ channels: many(10_000) })));
  await ui.refresh();
  const rows = ui.rows();
  assert.ok(rows.length > 5 && rows.length < 30, `drew ${rows.length} rows`);
  await ui.press(KEYS.end);
  assert.match(ui.frame(), /\[10000\/10000\]/);
  assert.match(ui.rows().at(-1)!, /^queue-10000/);
  assert.ok(ui.frame().split('\n').length <= 24, 'the frame fits the screen');
});

test('p pauses: the shown data stays while the source moves on, and says so', async () => {
  const source = new CannedSource(snapshot({ channels: [channelRow({ id: 1, label: 'jobs', sent: 5 })] }));
  const ui = start(source);
  await ui.refresh();
  await ui.press('p');
  assert.match(ui.frame(), /⏸ Paused/);
  source.push(snapshot({ channels: [channelRow({ id: 1, label: 'jobs', sent: 999 })] }));
  await ui.refresh();
  assert.match(ui.rows()[0]!, /\s5\s/);
  assert.doesNotMatch(ui.frame(), /999/);
  await ui.press('p');
  assert.match(ui.frame(), /✓ Live/);
  assert.match(ui.rows()[0]!, /\s999\s/);
});

test('keys typed faster than a frame each count: "jjj", then "/ev\r" filters and keeps it', async () => {
  const ui = start(
    new CannedSource(snapshot({ channels: [...many(10), channelRow({ id: 99, label: 'events' })] })),
  );
  await ui.refresh();
  await ui.press('jjj');
  assert.match(ui.frame(), /\[4\/11\]/);
  await ui.press('/ev\r');
  assert.match(ui.frame(), /filter "ev"/);
  assert.deepEqual(
    ui.rows().map((row) => row.split(/\s+/)[0]),
    ['events'],
  );
});
