/** A fresh tmux server per test, running one command in session `main` at a fixed size. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait.ts';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface TmuxSession {
  screen(): string;
  press(...keys: string[]): void;
  /** The command's exit status, once it has ended. */
  exitCode(timeoutMs?: number): Promise<string>;
}

let servers = 0;

/** Runs the shell `command` in tmux; the server and its files are gone afterwards, whatever happened. */
export async function inTmux(
  command: string,
  [columns, rows]: [number, number],
  body: (session: TmuxSession) => Promise<void>,
): Promise<void> {
  const socket = `hotpath-e2e-${process.pid}-${++servers}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-e2e-'));
  const exitFile = join(dir, 'exit-code');
  try {
    tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(columns),
      '-y',
      String(rows),
      `${command}; echo $? > '${exitFile}'; sleep 60`,
    );
    await body({
      screen: () => tmux('capture-pane', '-p', '-t', 'main'),
      press: (...keys) => {
        tmux('send-keys', '-t', 'main', ...keys);
      },
      exitCode: (timeoutMs = 5000) =>
        waitFor(
          'the command to exit',
          () => {
            try {
              return readFileSync(exitFile, 'utf8').trim();
            } catch {
              return '';
            }
          },
          timeoutMs,
        ),
    });
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  }
}
