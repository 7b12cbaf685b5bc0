/**
 * The real thing in a real terminal: tmux at 120×40 runs the built `hotpath demo`, keys are sent as a user
 * types them, and what the screen shows is read back with `capture-pane`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAIN, requireBuild, startDemo } from '../helpers/demo.ts';
import {
  exitCodeIn,
  freePort,
  hasTmux,
  inTmux,
  killTmuxServer,
  newTmuxServer,
  press,
  screen,
  tmux,
} from '../helpers/tmux.ts';
import { waitFor } from '../helpers/wait.ts';

/** "18.0k" → 18000: counts as the console abbreviates them. */
function count(text: string): number {
  const match = /^([\d.]+)([kMG]?)$/.exec(text);
  assert.ok(match, `not a count: ${text}`);
  return Number(match[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 } as Record<string, number>)[match[2]!]!;
}

function sent(label: string, capture: string): number {
  const row = new RegExp(`^┃${label}\\s+\\S+\\s+(?:⚠ )?\\w+\\s+(\\S+)`, 'm').exec(capture);
  assert.ok(row, `no ${label} row in:\n${capture}`);
  return count(row[1]!);
}

test('hotpath demo in tmux: rows, rising counts, a full channel, keys, and q gives the screen back', {
  skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux)',
  timeout: 30_000,
}, async () => {
  await inTmux('demo --refresh-ms 250', [120, 40], async (exitCode) => {
    const first = await waitFor(
      'the channel rows',
      () => {
        const capture = screen();
        return /^┃jobs /m.test(capture) && /^┃events /m.test(capture) && /^┃reply/m.test(capture) && capture;
      },
      10_000,
    );
    assert.match(first, /\[1\] Channels \(\d+\)\*/);
    assert.match(first, /✓ Live/);
    assert.match(first, /^┃Channel\s+Type\s+State\s+Sent\s+Recv\s+Queue/m);
    assert.match(first, /^┃results\s+unbounded/m);
    // The last line: the keys, then the address of the demo's web dashboard, whole.
    assert.match(first, /… dashboard http:\/\/127\.0\.0\.1:\d+\/\s*$/, 'the dashboard address is on screen');
    // One request a second: by the first frame the site may have had several reply channels.
    assert.match(first, /^┃reply(?: \(×\d+\))?\s+oneshot/m);

    const full = await waitFor(
      'jobs to fill',
      () => {
        const capture = screen();
        return /^┃jobs\s+bounded\[8\]\s+⚠ full\s.*██████ 8\/8/m.test(capture) && capture;
      },
      5000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const later = screen();
    assert.ok(sent('events', later) > sent('events', full), 'events keeps counting');
    assert.ok(sent('jobs', later) > sent('jobs', full), 'jobs keeps counting');

    tmux('resize-window', '-t', 'demo', '-x', '90', '-y', '30');
    const resized = await waitFor('the console to redraw at 90×30', () => {
      const capture = screen();
      return /^┗━+┛$/m.test(capture) && capture.split('\n').some((line) => /^┗━{88}┛$/.test(line)) && capture;
    });
    assert.equal(resized.match(/\[1\] Channels/g)?.length, 1, 'one frame, no leftovers of the old one');
    assert.match(resized, /^┃jobs\s/m);
    assert.match(
      resized,
      /^┃Channel\s+Type\s+State\s+Sent\s+Recv\s+Queue\s+Rate ┃$/m,
      'the delay columns make room',
    );
    tmux('resize-window', '-t', 'demo', '-x', '120', '-y', '40');

    press('2');
    await waitFor('the Streams tab with the demo streams', () => {
      const capture = screen();
      return (
        /\[2\] Streams \(\d+\)\*/.test(capture) &&
        /^┃access-log\s+node-readable\s+active/m.test(capture) &&
        /^┃prices\s+web-readable/m.test(capture)
      );
    });
    press('3');
    await waitFor('the Futures tab with resolved, rejected and pending futures', () => {
      const capture = screen();
      return (
        /\[3\] Futures \(\d+\)\*/.test(capture) &&
        /^┃chargeCard\s+\d+\s+\d+\s+\d+\s+[1-9]/m.test(capture) &&
        /^┃waitForever\s+1\s+1\s+0\s+0/m.test(capture)
      );
    });
    press('1');
    await waitFor('back on Channels', () => /\[1\] Channels \(\d+\)\*/.test(screen()));

    press('/');
    for (const key of 'jobs') press(key);
    press('Enter');
    const filtered = await waitFor('the filter', () => {
      const capture = screen();
      return /filter "jobs"/.test(capture) && capture;
    });
    assert.doesNotMatch(filtered, /^┃events /m);
    press('o');
    const logs = await waitFor('the logs of jobs', () => {
      const capture = screen();
      return /Logs: jobs \[1\/\d+\]/.test(capture) && capture;
    });
    assert.match(logs, /#\d+\s+queued\s+\S+( ago)?\s+\{ id: \d+, kind: '(resize|encode|index)'/);

    press('q');
    assert.equal(await exitCode(), '0');
    assert.doesNotMatch(screen(), /\[1\] Channels|┃/, 'the alternate screen is gone');
  });
});

test('Ctrl-C quits too, with exit code 0 and the screen given back', {
  skip: hasTmux ? false : 'tmux is not installed',
  timeout: 20_000,
}, async () => {
  await inTmux('demo', [100, 30], async (exitCode) => {
    await waitFor('the channel rows', () => /^┃jobs /m.test(screen()), 10_000);
    press('C-c');
    const code = await exitCode();
    assert.equal(code, '0');
    assert.doesNotMatch(screen(), /\[1\] Channels|┃/);
  });
});

test('SIGTERM ends it with 143 and the screen given back', {
  skip: hasTmux ? false : 'tmux is not installed',
  timeout: 20_000,
}, async () => {
  await inTmux('demo', [100, 30], async (exitCode) => {
    // The demo's status line shows its own pid.
    const pid = await waitFor('the pid', () => /pid (\d+)/.exec(screen())?.[1], 10_000);
    process.kill(Number(pid), 'SIGTERM');
    const code = await exitCode();
    assert.equal(code, '143');
    assert.doesNotMatch(screen(), /\[1\] Channels|┃/);
  });
});

test('hotpath console attached to another process: the reason while nothing listens, Live, then Stale when it dies', {
  skip: hasTmux ? false : 'tmux is not installed',
  timeout: 30_000,
}, async () => {
  newTmuxServer();
  requireBuild();
  const port = await freePort();
  const demo = await startDemo(30);
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-e2e-'));
  const exitFile = join(dir, 'exit-code');
  const consoleOn = (target: number, name: string) =>
    tmux(
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      '120',
      '-y',
      '40',
      `'${process.execPath}' '${MAIN}' console --port ${target} --refresh-ms 200; echo $? > '${exitFile}-${name}'; sleep 30`,
    );
  try {
    consoleOn(port, 'nobody');
    await waitFor('the reason', () =>
      tmux('capture-pane', '-p', '-t', 'nobody').includes(
        `Connecting — nothing is listening on 127.0.0.1:${port} — start your program with HOTPATH=1`,
      ),
    );

    consoleOn(Number(demo.url.port), 'attached');
    const capture = () => tmux('capture-pane', '-p', '-t', 'attached');
    await waitFor('live rows from the demo', () => /✓ Live/.test(capture()) && /^┃jobs\s/m.test(capture()));
    const dashboard = `http://127.0.0.1:${demo.url.port}/`;
    assert.ok(capture().trimEnd().endsWith(` dashboard ${dashboard}`), `the help line names ${dashboard}`);
    demo.child.kill('SIGKILL');
    await waitFor('Stale with the reason', () =>
      /⚠ Stale \(updated [^)]*\) — .*(closed the connection|nothing is listening)/.test(capture()),
    );
    assert.match(capture(), /^┃jobs\s/m, 'the last data is still shown');
    tmux('send-keys', '-t', 'attached', 'q');
    assert.equal(await exitCodeIn(`${exitFile}-attached`, 'the console to exit'), '0');
    assert.ok(
      capture().includes(`hotpath: the web dashboard of this program is at ${dashboard}`),
      'and prints it once the screen is given back',
    );
  } finally {
    demo.child.kill('SIGKILL');
    killTmuxServer();
    rmSync(dir, { recursive: true, force: true });
  }
});
