import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface CallSite {
  /** `path/to/file.ts:LINE`, relative to the working directory when inside it. */
  source: string;
  /** The last two path segments and the line: `examples/pipeline.ts:42`. */
  label: string;
  /**
   * What tells apart different things made at the same line, appended to the label (`HOTPATH_AUTO=streams`
   * gives each stream class its own row: `pipeline(createReadStream(a), createGzip(), createWriteStream(b))`
   * is three rows, not one that adds up three streams).
   */
  variant?: string;
}

const holder: { stack?: unknown } = {};
const frameList = (_error: Error, frames: NodeJS.CallSite[]) => frames;
/**
 * Call sites already resolved, by file and then by character position in it (V8's own numbering of a
 * frame: no line/column arithmetic and no key string per look-up). Bounded: past the cap, nothing more
 * is cached.
 */
const resolved = new Map<string, Map<number, CallSite | null>>();
let cachedCount = 0;
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
  return new OutsideSites(entry, skip, depth).find(undefined);
}

/**
 * `captureOutsideSite` for something made many times (every stream a program creates). A V8 stack
 * capture costs about a microsecond per frame of optimised code, and the frames between `entry` and the
 * program are Node's own: the same few for every object of one kind made the same way. So each kind
 * (a constructor) is captured only as deep as its objects have needed so far — 4 frames for
 * `new Writable()`, 6 for `Readable.from()` — and again at the full depth only when that was not deep
 * enough, which then becomes the kind's depth. The answer is the same as with the full depth every time.
 */
export class OutsideSites {
  /** Frames to capture per kind: the most any of its objects needed so far (the stack's end, if all Node's). */
  private readonly depthOf = new WeakMap<object, number>();

  constructor(
    private readonly entry: Function,
    private readonly skip: (file: string) => boolean,
    private readonly maxDepth: number,
  ) {}

  /** Where the object of kind `kind` (its constructor; undefined for none) now being made was made. */
  find(kind: object | undefined): CallSite | null {
    const learned = kind === undefined ? undefined : this.depthOf.get(kind);
    const depth = learned ?? this.maxDepth;
    const frames = captureFrames(this.entry, depth);
    if (frames === undefined) return null;
    const at = this.firstOutside(frames);
    // Cut short at the learned depth, with no frame of the program's yet: look again, all the way.
    if (at === -1 && frames.length === depth && depth < this.maxDepth) {
      const all = captureFrames(this.entry, this.maxDepth);
      if (all === undefined) return null;
      const deeper = this.firstOutside(all);
      this.learn(kind, deeper === -1 ? all.length : deeper + 1);
      return deeper === -1 ? null : siteOf(all[deeper]!);
    }
    if (learned === undefined) this.learn(kind, at === -1 ? frames.length : at + 1);
    return at === -1 ? null : siteOf(frames[at]!);
  }

  private firstOutside(frames: NodeJS.CallSite[]): number {
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i]!;
      const file = frame.getFileName() ?? frame.getScriptNameOrSourceURL();
      if (!file || file.startsWith('node:') || this.skip(file)) continue;
      return i;
    }
    return -1;
  }

  private learn(kind: object | undefined, needed: number): void {
    if (kind === undefined) return;
    const known = this.depthOf.get(kind) ?? 0;
    // At least one frame; never less than before, so a kind's depth only grows, up to the full depth.
    this.depthOf.set(kind, Math.min(this.maxDepth, Math.max(known, needed, 1)));
  }
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
  if (!file) return null;
  const position = frame.getPosition();
  let inFile = resolved.get(file);
  const known = inFile?.get(position);
  if (known !== undefined) return known;
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (line === null || column === null) return null;
  const site = resolve(file, line, column);
  if (cachedCount < MAX_CACHED) {
    if (inFile === undefined) {
      inFile = new Map();
      resolved.set(file, inFile);
    }
    inFile.set(position, site);
    cachedCount++;
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
