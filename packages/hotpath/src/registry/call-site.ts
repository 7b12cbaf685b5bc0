import { fileURLToPath } from 'node:url';

export interface CallSite {
  /** `path/to/file.ts:LINE`, relative to the working directory when inside it. */
  source: string;
  /** The last two path segments and the line: `examples/pipeline.ts:42`. */
  label: string;
}

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):\d+\)?$/;
const holder: { stack?: string } = {};

/**
 * The first frame above `entry` (the public function the user called). Only ever runs when an item is
 * wrapped, never per message. Stack traces are already mapped to TypeScript lines when source maps are
 * on (`--enable-source-maps`, tsx), so nothing here reads maps.
 */
export function captureCallSite(entry: Function): CallSite | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  try {
    Error.captureStackTrace(holder, entry);
    const stack = holder.stack;
    holder.stack = undefined;
    return stack === undefined ? null : parseFrame(stack.split('\n')[1] ?? '');
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function parseFrame(frame: string): CallSite | null {
  const match = FRAME.exec(frame.trim());
  if (match === null) return null;
  let path = match[1]!;
  const line = match[2]!;
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path);
    } catch {
      return null;
    }
  }
  if (path.startsWith('node:')) return null;
  const cwd = process.cwd();
  const relative = path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
  const segments = path.split(/[\\/]/).filter((segment) => segment !== '');
  return { source: `${relative}:${line}`, label: `${segments.slice(-2).join('/')}:${line}` };
}
