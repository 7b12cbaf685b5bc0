/**
 * The console names the program's web dashboard at the right of its help line: whole, escaped, and only
 * when the terminal leaves room for the keys too; the rest of the layout stays as it was.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { dashboardHint } from '../../src/console/HelpBar.tsx';
import { CannedSource, channelRow, snapshot } from '../helpers/canned.ts';
import { type Console, renderConsole } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

const URL_SHOWN = 'http://127.0.0.1:6770/';
const source = () => new CannedSource(snapshot({ channels: [channelRow({ id: 1, label: 'jobs' })] }));

test('the help line ends with the dashboard address; the table keeps its lines', async () => {
  open = renderConsole({ source: source(), dashboardUrl: URL_SHOWN });
  const frame = await open.refresh();
  const lines = frame.split('\n');
  const help = lines.at(-1)!;
  assert.match(help, /q quit|…/, 'the keys come first');
  // (The frame's trailing spaces are trimmed.)
  assert.match(
    help,
    /… dashboard http:\/\/127\.0\.0\.1:6770\/$/,
    'the keys give way; the address ends the line, whole',
  );
  assert.ok(help.length <= 100, 'no wider than the screen');

  const without = renderConsole({ source: source() });
  const before = (await without.refresh()).split('\n');
  without.unmount();
  assert.equal(lines.length, before.length, 'no line added');
  assert.deepEqual(lines.slice(0, -1), before.slice(0, -1), 'only the help line differs');
});

test('a narrow terminal keeps the keys and leaves the address out rather than cutting it', async () => {
  open = renderConsole({ source: source(), dashboardUrl: URL_SHOWN, size: { columns: 50, rows: 20 } });
  const frame = await open.refresh();
  assert.doesNotMatch(frame, /dashboard http/);
  assert.doesNotMatch(frame, /http:\/\/127\.0\.0\.1:67(?!70\/)/, 'never a cut address');
});

test('the hint is measured by display width and escapes control characters', () => {
  assert.equal(dashboardHint(undefined, 200), '', 'a replay has no dashboard');
  assert.equal(dashboardHint(URL_SHOWN, 200), ` dashboard ${URL_SHOWN} `);
  const hostile = 'http://\u001b[2Jevil:1/';
  assert.equal(dashboardHint(hostile, 200), ' dashboard http://\\x1b[2Jevil:1/ ');
  // Wide characters count twice: 20 of them need 40 columns beside the keys' 30.
  const wide = `http://${'界'.repeat(20)}/`;
  const hint = ` dashboard ${wide} `;
  assert.equal(dashboardHint(wide, 30 + hint.length + 20), hint);
  assert.equal(dashboardHint(wide, 30 + hint.length + 19), '');
});
