/**
 * One row per site in a real terminal: 3,000 per-request channels read as one row with exact totals, Enter
 * lists the instances, Esc goes back; a label carrying escape sequences shows them as text and a CJK and
 * emoji label keeps the columns aligned.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { displayWidth } from 'hotpath/text';
import { startProgram } from '../helpers/program.ts';
import { hasTmux, inTmux, press, screen } from '../helpers/tmux.ts';
import { waitFor } from '../helpers/wait.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/per-request-server.ts', import.meta.url));
const COLUMNS = 160;

const startScenario = () => startProgram(SCENARIO);

/** The table's lines (between the borders), as the terminal shows them. */
const tableLines = (capture: string) => capture.split('\n').filter((line) => line.startsWith('┃'));

test('3,000 per-request channels are one console row; Enter lists the instances; hostile and wide labels stay in their cells', {
  skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux)',
  timeout: 60_000,
}, async () => {
  const { child, port } = await startScenario();
  try {
    await inTmux(`console --port ${port} --refresh-ms 250`, [COLUMNS, 30], async (exitCode) => {
      const sites = await waitFor(
        'the site rows',
        () => {
          const capture = screen();
          return /^┃upper \(×3003\)/m.test(capture) && /上传队列🚀/.test(capture) && capture;
        },
        15_000,
      );
      const upper = tableLines(sites).filter((line) => line.startsWith('┃upper'));
      assert.equal(upper.length, 1, sites);
      // Its three live instances hold an item nobody reads: once consumer-stalled is raised, the row gets ⚠.
      assert.match(upper[0]!, /^┃upper \(×3003\)\s+(?:⚠\s+)?bounded\[\d+\]\s+3 active\s+6006\s+6003\s+3\s/);
      assert.match(sites, /\[1\] Channels \(3\)\*/, 'the tab counts sites');

      // The escape sequences are shown, not obeyed: the table, the tab bar and the status line are intact.
      const evil = tableLines(sites).find((line) => line.startsWith('┃evil'));
      assert.ok(evil?.includes('evil\\x1b[2J\\x1b[31mRED'), sites);
      assert.match(sites, /✓ Live/);
      const widths = tableLines(sites).map(displayWidth);
      assert.ok(
        widths.every((width) => width === COLUMNS),
        `every table line is ${COLUMNS} columns wide:\n${sites}\n${widths.join(',')}`,
      );
      const wide = tableLines(sites).find((line) => line.startsWith('┃上传队列🚀'))!;
      assert.ok(wide.endsWith('┃'));
      assert.equal(
        displayWidth(wide.slice(0, wide.indexOf('bounded'))),
        displayWidth(upper[0]!.slice(0, upper[0]!.indexOf('bounded'))),
        'the Type column starts at the same place on the wide label’s row',
      );

      press('/');
      for (const key of 'upper') press(key);
      press('Enter');
      await waitFor('the filter', () => /filter "upper"/.test(screen()));
      press('Enter');
      const instances = await waitFor(
        'the instances of upper',
        () => {
          const capture = screen();
          return /^┃upper-3003\s/m.test(capture) && capture;
        },
        10_000,
      );
      assert.match(instances, /instances of upper \(×3003\) \(3 active · 3000 closed\)/);
      const rows = tableLines(instances).slice(1);
      assert.deepEqual(
        rows.slice(0, 4).map((line) => line.split(/\s+/)[0]),
        ['┃upper-3001', '┃upper-3002', '┃upper-3003', '┃upper-3000'],
        'live instances first, then the most recent finished ones',
      );
      assert.match(rows[0]!, /active\s+2\s+1\s/);
      assert.doesNotMatch(upper[0]!, /[1-9]\d*\/s/, 'a site that stopped moving has no rate');

      press('Escape');
      const back = await waitFor(
        'the site rows again',
        () => {
          const capture = screen();
          return /^┃upper \(×3003\)/m.test(capture) && !/instances of/.test(capture) && capture;
        },
        5000,
      );
      assert.doesNotMatch(back, /^┃upper-/m);
      press('o');
      const logs = await waitFor(
        'the merged logs of the site',
        () => {
          const capture = screen();
          return (
            /Logs \(all instances\): upper \(×3003\)/.test(capture) && /Instance/.test(capture) && capture
          );
        },
        5000,
      );
      assert.match(logs, /Msg\s+Instance\s+Delay/);
      assert.match(logs, /#2\s+upper-300\d\s/);
      press('q');
      assert.equal(await exitCode(), '0');
    });
  } finally {
    child.kill('SIGKILL');
  }
});
