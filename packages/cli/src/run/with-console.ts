/**
 * `hotpath run` in a terminal: the program runs with its output in a pane of the console (and spooled,
 * to be written to the terminal once the console closes), Ctrl-C goes to the program, and once the
 * program has ended the last frame stays until a key is pressed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Endpoint } from '../client/endpoint.js';
import { runConsole } from '../console/run.js';
import { exitStatus } from './exit-code.js';
import { ProgramOutput } from './output.js';
import type { RunDirectory } from './run-directory.js';

export interface ConsoleRun {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  directory: RunDirectory;
  refreshMs: number;
}

export async function runWithConsole(run: ConsoleRun): Promise<number> {
  const output = new ProgramOutput(join(run.directory.path, 'output.spool'));
  // Its own process group: Ctrl-C (a key here, the terminal being raw) reaches the program and every
  // process it started, as the terminal's Ctrl-C would. Its stdin is not the terminal: the console reads keys.
  const child = spawn(run.command, run.args, {
    env: run.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (chunk: Buffer) => output.write(1, chunk));
  child.stderr.on('data', (chunk: Buffer) => output.write(2, chunk));
  const ended = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      output.write(2, Buffer.from(`hotpath run: cannot start ${run.command}: ${error.message}\n`));
      resolve(127);
    });
    // 'close': the program has ended and its output has all been read.
    child.once('close', (code, signal) => resolve(exitStatus(code, signal)));
  });
  const signalProgram = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const forward = (signal: NodeJS.Signals) => signalProgram(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);

  try {
    const url = await run.directory.serverUrl(ended);
    if (url === null) return await ended;
    let status: number | null = null;
    let quitting = false;
    const finished = ended.then((code) => {
      status = code;
      output.setStatus(`exited with ${describeStatus(code)} · press any key`);
    });
    output.setStatus('running · Ctrl-C interrupts the program · q ends it');
    let closeNow: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      closeNow = resolve;
    });
    void finished.then(() => {
      if (quitting) closeNow();
    });
    await runConsole({
      endpoint: endpointOf(url, run.env.HOTPATH_METRICS_TOKEN ?? null),
      refreshMs: run.refreshMs,
      limit: 10_000,
      title: `hotpath run: ${[run.command, ...run.args].join(' ')}`,
      output,
      // What the preload finds on its own (requests, fetches) are futures.
      initialTab: 'futures',
      exitOnSignal: false,
      closeWhen: closed,
      freezeWhen: finished,
      intercept: (input, key) => {
        if (status !== null) return 'quit';
        const ctrlC = (key.ctrl === true && input === 'c') || input === '\u0003';
        if (ctrlC) {
          signalProgram('SIGINT');
          return 'handled';
        }
        if (input === 'q' || input === 'Q') {
          quitting = true;
          output.setStatus('ending the program (SIGTERM)…');
          signalProgram('SIGTERM');
          return 'handled';
        }
        return null;
      },
    });
    // The console closed before the program ended (it cannot, but a bug must not orphan the program).
    if (status === null) signalProgram('SIGTERM');
    return await ended;
  } finally {
    for (const signal of signals) process.off(signal, forward);
    output.replay();
    output.close();
  }
}

function describeStatus(code: number): string {
  return code > 128 ? `status ${code} (signal ${code - 128})` : `code ${code}`;
}

function endpointOf(url: string, token: string | null): Endpoint {
  const parsed = new URL(url);
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(parsed.port), token };
}
