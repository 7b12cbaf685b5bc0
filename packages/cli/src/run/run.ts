/** `hotpath run [--no-console] [--record FILE] -- <command…>`: a Node program monitored with no change to its code. */
import { resolve } from 'node:path';
import type { RunArgs } from '../args.js';
import { resolveCommand } from './command.js';
import { programEnvironment } from './environment.js';
import { runPlain } from './plain.js';
import { makeRunDirectory } from './run-directory.js';

export async function runProgram(args: RunArgs, givenEnv: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = args.argv as [string, ...string[]];
  const resolved = resolveCommand(command, givenEnv, process.cwd());
  if (!resolved.ok) {
    process.stderr.write(`hotpath run: ${resolved.message}\n`);
    return resolved.exitCode;
  }
  const directory = makeRunDirectory();
  try {
    const env = programEnvironment(givenEnv, import.meta.resolve('hotpath/register'), directory.path);
    // The program may change its directory: the file is where the user meant, from here.
    if (args.record !== undefined) env.HOTPATH_RECORD = resolve(args.record);
    const terminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
    let status: number;
    if (args.console && terminal) {
      const { runWithConsole } = await import('./with-console.js');
      status = await runWithConsole({ command, args: rest, env, directory, refreshMs: args.refreshMs });
    } else {
      status = await runPlain(command, rest, env);
    }
    // After everything the program wrote, on stderr: its stdout stays exactly its own.
    const report = directory.report();
    if (report !== '') process.stderr.write(report);
    return status;
  } finally {
    directory.remove();
  }
}
