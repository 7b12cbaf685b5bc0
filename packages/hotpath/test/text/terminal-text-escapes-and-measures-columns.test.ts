import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable } from '../../src/report/table.ts';
import { siteStateSummary } from '../../src/text/site-state.ts';
import { clipWidth, displayWidth, escapeControl, fitWidth, wrapWidth } from '../../src/text/terminal-text.ts';

test('control characters show as \\xNN: an escape sequence cannot act on the terminal', () => {
  assert.equal(escapeControl('evil\x1b[2J\x1b[31mRED'), 'evil\\x1b[2J\\x1b[31mRED');
  assert.equal(escapeControl('a\nb\tc\x7f\x9b'), 'a\\x0ab\\x09c\\x7f\\x9b');
  assert.equal(fitWidth('evil\x1b[2J', 12), 'evil\\x1b[2J ');
});

test('CJK characters and emoji take two columns; accents and joiners none', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('上传队列'), 8);
  assert.equal(displayWidth('🚀'), 2);
  assert.equal(displayWidth('👩‍💻'), 2);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('❤️'), 2);
  assert.equal(displayWidth('⚠ full'), 6);
  assert.equal(displayWidth('🇫🇷'), 2);
  assert.equal(displayWidth('1️⃣'), 2);
  assert.equal(displayWidth('ｈｉ'), 4);
});

test('fitting pads and cuts by columns, never splitting a wide character', () => {
  assert.equal(fitWidth('上传队列', 10), '上传队列  ');
  assert.equal(fitWidth('上传队列', 6), '上传… ');
  assert.equal(displayWidth(fitWidth('上传🚀队列', 7)), 7);
  assert.equal(fitWidth('上传队列', 6, 'left', true), '…队列 ');
  assert.equal(fitWidth('42', 5, 'right'), '   42');
  assert.equal(clipWidth('上传队列', 5), '上传…');
  assert.deepEqual(wrapWidth('上传队列x\x1b', 4), ['上传', '队列', 'x\\x1', 'b']);
});

test('a report table with a CJK and emoji label keeps every line the same width', () => {
  const table = renderTable(
    [{ header: 'Channel' }, { header: 'Sent', align: 'right' }],
    [
      ['上传队列 🚀', '12'],
      ['plain', '3'],
      ['evil\x1b[2J\x1b[31mRED', '1'],
    ],
    false,
  );
  const widths = table.split('\n').map(displayWidth);
  assert.ok(
    widths.every((w) => w === widths[0]),
    `${table}\n${widths.join(',')}`,
  );
  assert.ok(table.includes('evil\\x1b[2J\\x1b[31mRED'));
  assert.ok(!table.includes('\x1b'));
});

test('a site state reads live states first, then finished ones by count', () => {
  assert.equal(siteStateSummary({ closed: 554, active: 3 }), '3 active · 554 closed');
  assert.equal(
    siteStateSummary({ active: 2, full: 1, errored: 1, closed: 9 }),
    '⚠ 1 full · 2 active · 9 closed · 1 errored',
  );
  assert.equal(siteStateSummary({ closed: 0, active: 1 }), '1 active');
});
