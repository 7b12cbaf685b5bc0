/**
 * Worker threads in the real console: a program whose two workers each send 1,000 messages through a
 * wrapped channel, watched by `hotpath console` in tmux. Both workers' rows show, with their thread ids
 * in the Thread column and exact counts; tab 4 lists the threads.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAIN, requireBuild } from '../helpers/demo.ts';
import { waitFor } from '../helpers/wait.ts';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `hotpath-e2e-workers-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'workers');
const program = fileURLToPath(new URL('../scenarios/workers/main.mjs', import.meta.url));

test('two workers × 1,000 sends: both rows in the console with their thread ids, and tab 4 lists the threads', {
  skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux)',
  timeout: 30_000,
}, async () => {
  requireBuild();
  const child = spawn(process.execPath, [program], {
    env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_PORT: '0', HOTPATH_REPORT: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string];
    const { ids, url } = JSON.parse(line) as { ids: number[]; url: string };
    const port = new URL(url).port;
    const served = (await (await fetch(`${url}/runtime`)).json()) as { threads: { threadId: number }[] };
    assert.deepEqual(
      served.threads.map((thread) => thread.threadId),
      [0, ...ids],
      'GET /runtime lists the main thread and both workers',
    );
    tmux(
      'new-session',
      '-d',
      '-s',
      'workers',
      '-x',
      '120',
      '-y',
      '30',
      `'${process.execPath}' '${MAIN}' console --port ${port} --refresh-ms 200; sleep 30`,
    );
    const rows = await waitFor(
      'both workers’ rows',
      () => {
        const capture = screen();
        return (
          ids.every((id) =>
            new RegExp(`^┃worker-work\\s+${id}\\s+bounded\\[8\\]\\s+closed\\s+1000\\s+1000\\s`, 'm').test(
              capture,
            ),
          ) && capture
        );
      },
      10_000,
    );
    assert.match(rows, /^┃Channel\s+Thread\s+Type\s+State\s+Sent\s+Recv/m);
    tmux('send-keys', '-t', 'workers', '4');
    const runtime = await waitFor('the Runtime tab', () => {
      const capture = screen();
      return /\[4\] Runtime\*/.test(capture) && capture;
    });
    assert.match(runtime, /^┃\s+0 main\s/m);
    for (const id of ids) assert.match(runtime, new RegExp(`^┃\\s+${id} worker ${id} \\(exited\\)`, 'm'));
    assert.match(runtime, /Loop stalls ≥ 100 ms: \d+/);
    tmux('send-keys', '-t', 'workers', '1');
    await waitFor('back on Channels', () => /\[1\] Channels \(\d+\)\*/.test(screen()));
  } finally {
    child.kill('SIGKILL');
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  }
});
