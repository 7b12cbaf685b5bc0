/**
 * `hotpath run --no-console` (and any run without a terminal): the program gets this process's stdin,
 * stdout and stderr as they are, so its output is byte for byte what it would be without hotpath.
 */
import { spawn } from 'node:child_process';
import { exitStatus } from './exit-code.js';

/**
 * Ctrl-C in a terminal reaches the whole foreground process group, the program included: this process
 * only waits for the program to handle it. A signal sent to this process alone is passed on (SIGINT
 * included, when there is no terminal to have sent it to the program as well).
 */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT'];

export function runPlain(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    const fromTerminal = process.stdin.isTTY === true;
    const forward = (signal: NodeJS.Signals) => {
      if (signal === 'SIGINT' && fromTerminal) return;
      child.kill(signal);
    };
    const signals: NodeJS.Signals[] = ['SIGINT', ...FORWARDED];
    for (const signal of signals) process.on(signal, forward);
    const done = (status: number) => {
      for (const signal of signals) process.off(signal, forward);
      resolve(status);
    };
    child.once('error', (error) => {
      process.stderr.write(`hotpath run: cannot start ${command}: ${error.message}\n`);
      done(127);
    });
    child.once('exit', (code, signal) => done(exitStatus(code, signal)));
  });
}
