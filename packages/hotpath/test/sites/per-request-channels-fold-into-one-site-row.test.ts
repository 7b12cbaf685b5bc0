import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript, scenarios } from '../helpers/run-script.ts';

const SCENARIO = scenarios('per-request-sites.ts');
const ON = { HOTPATH: '1' };

/** The table lines of one section (the bordered rows between `Channels:`/`Streams:` and the next blank). */
function tableRows(report: string, section: string): string[] {
  const start = report.indexOf(`${section}:\n`);
  assert.ok(start >= 0, report);
  const lines = report.slice(start).split('\n').slice(1);
  const end = lines.findIndex((line) => line === '');
  return (end < 0 ? lines : lines.slice(0, end)).filter(
    (line) => line.startsWith('| ') && !line.includes('='),
  );
}

test('3,000 per-request channels at one label: one report row, totals exact, state summarised', async () => {
  const result = await runScript(SCENARIO, ON);
  assert.equal(result.code, 0, result.stderr);
  const channels = tableRows(result.stdout, 'Channels');
  assert.equal(channels.length, 2, 'header + one site row');
  const cells = channels[1]!.split('|').map((cell) => cell.trim());
  assert.equal(cells[1], 'upper (×3003)');
  assert.equal(cells[3], '3 active · 3000 closed');
  assert.deepEqual(cells.slice(4, 7), ['6006', '6003', '3']);
  const streams = tableRows(result.stdout, 'Streams');
  assert.equal(streams.length, 2);
  assert.match(streams[1]!, /per-request-sites\.ts:\d+ \(×3000\) .*\| 3000 closed .*\|\s+6000 \|/);
});

test('HOTPATH_REPORT_ROWS=instance prints the instances still held, hotpath-rs style (-2 suffixes)', async () => {
  const result = await runScript(SCENARIO, { ...ON, HOTPATH_REPORT_ROWS: 'instance' });
  assert.equal(result.code, 0, result.stderr);
  const channels = tableRows(result.stdout, 'Channels');
  // The 1000 most recent finished instances and the 3 live ones stay rows; the rest fold into one.
  assert.equal(channels.length, 1 + 1003 + 1);
  assert.ok(channels.some((line) => line.startsWith('| upper-3003 ')));
  assert.ok(channels.some((line) => line.startsWith('| upper (2000 finished) ')));
});

test('a bad HOTPATH_REPORT_ROWS warns once, naming the variable, and keeps site rows', async () => {
  const result = await runScript(SCENARIO, { ...ON, HOTPATH_REPORT_ROWS: 'sites' });
  assert.equal(result.code, 0);
  assert.match(result.stderr, /HOTPATH_REPORT_ROWS/);
  assert.equal(tableRows(result.stdout, 'Channels').length, 2);
});

test('JSON reports carry the instances still held and the site rows, totals equal', async () => {
  const result = await runScript(SCENARIO, { ...ON, HOTPATH_REPORT: 'json' });
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout.split('\n')[1]!);
  assert.equal(report.sites.channels.length, 1);
  const site = report.sites.channels[0];
  assert.equal(site.label, 'upper');
  assert.equal(site.instances, 3003);
  assert.equal(site.active, 3);
  assert.deepEqual(site.states, { closed: 3000, active: 3 });
  assert.equal(site.sent, 6006);
  assert.equal(site.received, 6003);
  assert.equal(site.queued, 3);
  assert.ok(site.delay.samples > 0);
  const sum = (rows: { sent: number }[]) => rows.reduce((total, row) => total + row.sent, 0);
  assert.equal(sum(report.channels), site.sent, 'instance rows and site rows give the same total');
  assert.equal(report.channels.length, 1004);
  assert.equal(report.sites.streams[0].yielded, 6000);
  assert.equal(report.sites.streams[0].instances, 3000);
});

test('monitoring off and on: the program prints the same and exits the same', async () => {
  const off = await runScript(SCENARIO, {});
  const on = await runScript(SCENARIO, { ...ON, HOTPATH_REPORT: 'off' });
  assert.equal(off.code, 0, off.stderr);
  assert.equal(on.code, off.code);
  assert.equal(on.stdout, off.stdout);
  assert.equal(off.stdout, 'total 18000000, open 3\n');
});
