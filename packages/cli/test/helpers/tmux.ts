/**
 * The real console in a real terminal: tmux sessions at a given size, keys sent as a user types them, and
 * what the screen shows read back with `capture-pane`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN, requireBuild } from './demo.ts';
import { waitFor } from './wait.ts';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// Each test gets its own tmux server: a server being killed cannot take the next test's session with it.
let socket = '';
let servers = 0;
export const newTmuxServer = () => {
  socket = `hotpath-e2e-${process.pid}-${++servers}`;
};
export const killTmuxServer = () => spawnSync('tmux', ['-L', socket, 'kill-server']);
export const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
export const screen = () => tmux('capture-pane', '-p', '-t', 'demo');
export const press = (key: string) => tmux('send-keys', '-t', 'demo', key);

/** Waits for the exit code a session's shell wrote to `file` once the command ended. */
export function exitCodeIn(file: string, what: string): Promise<string> {
  return waitFor(
    what,
    () => {
      try {
        return readFileSync(file, 'utf8').trim();
      } catch {
        return '';
      }
    },
    5000,
  );
}

/**
 * Runs `hotpath <args>` in session `demo` of a fresh tmux server at `columns`×`rows`, with the shell
 * assignments `env` (`NAME=value …`) before it; `body` may wait for its exit code. The server and its
 * files are gone afterwards, whatever happened.
 */
export async function inTmux(
  args: string,
  [columns, rows]: [number, number],
  body: (exitCode: () => Promise<string>) => Promise<void>,
  env = '',
): Promise<void> {
  newTmuxServer();
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-e2e-'));
  const exitFile = join(dir, 'exit-code');
  try {
    const command = `${env} '${process.execPath}' '${MAIN}' ${args}; echo $? > '${exitFile}'; sleep 30`;
    tmux('new-session', '-d', '-s', 'demo', '-x', String(columns), '-y', String(rows), command);
    await body(() => exitCodeIn(exitFile, 'hotpath to exit'));
  } finally {
    killTmuxServer();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
