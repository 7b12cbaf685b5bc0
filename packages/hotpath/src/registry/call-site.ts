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
  const frame = captureFrames(entry, 1)?.[0];
  return frame === undefined ? null : siteOf(frame);
}

/**
 * The first frame above `entry` that is neither Node's own (`node:…`) nor in a file `skip` names: where a
 * program made something that Node's internals then built (a stream inside `zlib.createGzip()`). Null when
 * the whole stack is Node's (a socket Node accepted on its own) or deeper than `depth` frames.
 */
export function captureOutsideSite(
  entry: Function,
  skip: (file: string) => boolean,
  depth = 16,
): CallSite | null {
  const frames = captureFrames(entry, depth);
  if (frames === undefined) return null;
  for (const frame of frames) {
    const file = frame.getFileName() ?? frame.getScriptNameOrSourceURL();
    if (!file || file.startsWith('node:') || skip(file)) continue;
    return siteOf(frame);
  }
  return null;
}

function captureFrames(entry: Function, depth: number): NodeJS.CallSite[] | undefined {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = depth;
  Error.prepareStackTrace = frameList;
  try {
    Error.captureStackTrace(holder, entry);
    return holder.stack as NodeJS.CallSite[] | undefined;
  } finally {
    holder.stack = undefined;
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

function siteOf(frame: NodeJS.CallSite): CallSite | null {
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
