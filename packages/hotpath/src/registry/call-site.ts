import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface CallSite {
  /** `path/to/file.ts:LINE`, relative to the working directory when inside it. */
  source: string;
  /** The last two path segments and the line: `examples/pipeline.ts:42`. */
  label: string;
}

const holder: { stack?: unknown } = {};
const frameList = (_error: Error, frames: NodeJS.CallSite[]) => frames;
/** Call sites already resolved, by generated position. Bounded: past the cap, nothing more is cached. */
const resolved = new Map<string, CallSite | null>();
const MAX_CACHED = 10_000;

/**
 * The first frame above `entry` (the public function the user called). Runs only when an item is
 * wrapped, never per message. V8's structured frames are read directly (no stack text is formatted) and
 * mapped to TypeScript lines through Node's source-map cache, which is filled whenever source maps are on
 * (`--enable-source-maps`, tsx); without maps the JavaScript line is the line.
 */
export function captureCallSite(entry: Function): CallSite | null {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 1;
  Error.prepareStackTrace = frameList;
  let frame: NodeJS.CallSite | undefined;
  try {
    Error.captureStackTrace(holder, entry);
    frame = (holder.stack as NodeJS.CallSite[] | undefined)?.[0];
  } finally {
    holder.stack = undefined;
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  if (frame === undefined) return null;
  const file = frame.getFileName() ?? frame.getScriptNameOrSourceURL();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (!file || line === null || column === null) return null;
  const key = `${file}:${line}:${column}`;
  let site = resolved.get(key);
  if (site === undefined) {
    site = resolve(file, line, column);
    if (resolved.size < MAX_CACHED) resolved.set(key, site);
  }
  return site;
}

function resolve(file: string, line: number, column: number): CallSite | null {
  const entry = findSourceMap(file)?.findEntry(line - 1, column - 1);
  if (entry !== undefined && 'originalSource' in entry && entry.originalSource) {
    return fromLocation(entry.originalSource, entry.originalLine + 1);
  }
  return fromLocation(file, line);
}

function fromLocation(location: string, line: number): CallSite | null {
  let path = location;
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
