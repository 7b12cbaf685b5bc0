/**
 * The real thing in a real terminal: tmux at 120×40 runs the built `hotpath demo`, keys are sent as a user
 * types them, and what the screen shows is read back with `capture-pane`.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAIN, requireBuild } from '../helpers/demo.ts';
import { waitFor } from '../helpers/wait.ts';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `hotpath-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'demo');
const press = (key: string) => tmux('send-keys', '-t', 'demo', key);

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
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-e2e-'));
  const exitFile = join(dir, 'exit-code');
  const command = `'${process.execPath}' '${MAIN}' demo --refresh-ms 250; echo $? > '${exitFile}'; sleep 30`;
  try {
    tmux('new-session', '-d', '-s', 'demo', '-x', '120', '-y', '40', command);
    const first = await waitFor(
      'the channel rows',
      () => {
        const capture = screen();
        return /^┃jobs /m.test(capture) && /^┃events /m.test(capture) && capture;
      },
      10_000,
    );
    assert.match(first, /\[1\] Channels \(\d+\)\*/);
    assert.match(first, /✓ Live/);
    assert.match(first, /^┃Channel\s+Type\s+State\s+Sent\s+Recv\s+Queue/m);
    assert.match(first, /^┃results\s+unbounded/m);
    assert.match(first, /^┃reply\S*\s+oneshot/m);

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

    press('2');
    await waitFor('the Streams tab', () => /\[2\] Streams \(\d+\)\*/.test(screen()));
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
    const code = await waitFor(
      'the demo to exit',
      () => {
        try {
          return readFileSync(exitFile, 'utf8').trim();
        } catch {
          return '';
        }
      },
      5000,
    );
    assert.equal(code, '0');
    const after = screen();
    assert.doesNotMatch(after, /\[1\] Channels|┃/, 'the alternate screen is gone');
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  }
});
