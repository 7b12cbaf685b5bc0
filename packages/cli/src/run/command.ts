/**
 * Checks, before anything runs, that the command exists and starts Node: hotpath can only watch a Node
 * program, and a command it cannot watch gets one clear line rather than a silent, unmonitored run.
 */
import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path';

export type Resolved = { ok: true; path: string } | { ok: false; message: string; exitCode: number };

/** The exit codes a shell uses for the same two failures. */
export const NOT_FOUND_EXIT = 127;
export const NOT_NODE_EXIT = 126;

export function resolveCommand(command: string, env: NodeJS.ProcessEnv, cwd: string): Resolved {
  const path = findExecutable(command, env, cwd);
  if (path === null) return { ok: false, message: `command not found: ${command}`, exitCode: NOT_FOUND_EXIT };
  if (!startsNode(path))
    return {
      ok: false,
      message: `${command} is not a Node.js program (${path}); hotpath run starts node, npm, npx, or a script whose #! line runs node`,
      exitCode: NOT_NODE_EXIT,
    };
  return { ok: true, path };
}

function findExecutable(command: string, env: NodeJS.ProcessEnv, cwd: string): string | null {
  if (command.includes('/')) {
    const path = isAbsolute(command) ? command : resolve(cwd, command);
    return isExecutableFile(path) ? path : null;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(resolve(cwd, dir), command);
    if (isExecutableFile(path)) return path;
  }
  return null;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The node binary itself, or a script whose `#!` line runs node (npm, npx, tsx, a program's own bin). */
function startsNode(path: string): boolean {
  const real = safeRealpath(path);
  if (real === safeRealpath(process.execPath) || /^node(js)?(\d+)?$/.test(basename(real))) return true;
  const head = readHead(real);
  if (!head.startsWith('#!')) return false;
  const line = head.slice(2, head.indexOf('\n') === -1 ? head.length : head.indexOf('\n'));
  return /(^|[\s/])(node|nodejs|tsx|ts-node)(\s|$)/.test(line);
}

function readHead(path: string): string {
  const buffer = Buffer.alloc(256);
  const fd = openSync(path, 'r');
  try {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
