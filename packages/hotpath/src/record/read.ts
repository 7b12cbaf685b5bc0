/**
 * Reading a recording back (or a JSON exit report, as a recording of one frame): every snapshot it holds,
 * rebuilt from its keyframes and deltas, and the logs as of any frame. A file cut short by a kill reads
 * up to its last complete frame.
 */
import { constants, gunzipSync } from 'node:zlib';
import type { Snapshot } from '../types.js';
import {
  applyChanges,
  parseLine,
  RECORDING_FORMAT,
  type RecordingFrame,
  type RecordingHeader,
  type RecordingNote,
} from './format.js';

export class RecordingError extends Error {
  override name = 'RecordingError';
}

/** Log lists the console's panel reads, per kind. */
const DETAIL_LISTS: Record<string, string[]> = {
  channels: ['sentLogs', 'receivedLogs'],
  streams: ['logs'],
  functions: ['logs'],
  gauges: ['logs'],
  futures: ['calls'],
};

interface Arrived {
  frame: number;
  entry: unknown;
}

export class Recording {
  /** Null for a JSON report. */
  readonly header: RecordingHeader | null;
  readonly frames: RecordingFrame[];
  readonly notes: RecordingNote[];
  /** The file ended inside a frame: the process was killed (or the disk filled) while writing it. */
  readonly truncated: boolean;
  private cached: { index: number; snapshot: Snapshot } | null = null;
  /** Per `kind:id:list`, entries in the order they arrived. */
  private readonly details = new Map<string, Arrived[]>();

  constructor(
    header: RecordingHeader | null,
    frames: RecordingFrame[],
    notes: RecordingNote[],
    truncated: boolean,
  ) {
    if (frames.length === 0 || frames[0]!.snapshot === undefined)
      throw new RecordingError(
        'the recording holds no complete frame (the program ended before its first one?)',
      );
    this.header = header;
    this.frames = frames;
    this.notes = notes;
    this.truncated = truncated;
    frames.forEach((frame, index) => {
      for (const change of frame.details ?? [])
        for (const [list, entries] of Object.entries(change.entries)) {
          const key = `${change.kind}:${change.id}:${list}`;
          const arrived = this.details.get(key) ?? [];
          this.details.set(key, arrived);
          // A future's calls replace the list before them; log entries add to it.
          if (list === 'calls') arrived.push({ frame: index, entry: entries });
          else for (const entry of entries) arrived.push({ frame: index, entry });
        }
    });
  }

  /** Milliseconds from the first frame to the last. */
  get durationMs(): number {
    return this.frames.at(-1)!.atMs - this.frames[0]!.atMs;
  }

  /** The time of frame `index`, from the first frame. */
  timeOf(index: number): number {
    return this.frames[index]!.atMs - this.frames[0]!.atMs;
  }

  /** The last frame at or before `ms` (from the first frame). */
  indexAt(ms: number): number {
    const target = this.frames[0]!.atMs + ms;
    let low = 0;
    let high = this.frames.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.frames[mid]!.atMs <= target) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The snapshot as of frame `index`: its keyframe, and every delta after it applied in turn. */
  snapshotAt(index: number): Snapshot {
    const i = Math.max(0, Math.min(index, this.frames.length - 1));
    let start = i;
    while (this.frames[start]!.snapshot === undefined) start--;
    let snapshot: Snapshot;
    let from: number;
    if (this.cached !== null && this.cached.index >= start && this.cached.index <= i) {
      snapshot = this.cached.snapshot;
      from = this.cached.index + 1;
    } else {
      snapshot = this.frames[start]!.snapshot!;
      from = start + 1;
    }
    for (let k = from; k <= i; k++) snapshot = applyChanges(snapshot, this.frames[k]!.changes ?? {});
    this.cached = { index: i, snapshot };
    return snapshot;
  }

  /** The last snapshot: what the program's exit report showed, when the recording ran to the end. */
  lastSnapshot(): Snapshot {
    return this.snapshotAt(this.frames.length - 1);
  }

  /** Whether the last frame is the one written at exit. */
  get complete(): boolean {
    return this.frames.at(-1)!.final === true;
  }

  /**
   * What the metrics server would have answered for `/KIND/ID/logs` (or `/futures/ID/calls`) at frame
   * `index`: the newest entries first, at most the program's logs limit. Channel and stream ids are sites.
   */
  detailAt(kind: string, id: number, index: number): Record<string, unknown> {
    const limit = this.header?.logsLimit ?? 50;
    const body: Record<string, unknown> = { id };
    for (const list of DETAIL_LISTS[kind] ?? []) {
      const arrived = this.details.get(`${kind}:${id}:${list}`) ?? [];
      let end = arrived.length;
      while (end > 0 && arrived[end - 1]!.frame > index) end--;
      if (list === 'calls') {
        body[list] = end === 0 ? [] : arrived[end - 1]!.entry;
        continue;
      }
      const shown: unknown[] = [];
      for (let k = end - 1; k >= 0 && shown.length < limit; k--) shown.push(arrived[k]!.entry);
      body[list] = shown;
    }
    return body;
  }
}

/** A recording's bytes (gzipped NDJSON), or a JSON exit report's text. */
export function readRecording(bytes: Uint8Array, name = 'the file'): Recording {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return readGzipped(bytes, name);
  return fromReport(Buffer.from(bytes).toString('utf8'), name);
}

function readGzipped(bytes: Uint8Array, name: string): Recording {
  let text: string;
  try {
    // A sync flush at the end reads a last member cut short instead of failing on it.
    text = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  } catch (error) {
    throw new RecordingError(`${name} is gzipped but cannot be read: ${(error as Error).message}`);
  }
  const lines = text.split('\n');
  // Whatever follows the last newline is a line cut short.
  let truncated = lines.pop() !== '';
  let header: RecordingHeader | null = null;
  const frames: RecordingFrame[] = [];
  const notes: RecordingNote[] = [];
  for (const raw of lines) {
    const line = parseLine(raw);
    if (line === null) {
      truncated = true;
      break;
    }
    if (line.type === 'header') header ??= line;
    else if (line.type === 'note') notes.push(line);
    else frames.push(line);
  }
  if (header === null || header.format !== RECORDING_FORMAT)
    throw new RecordingError(
      `${name} is gzipped but is not a hotpath recording (no hotpath-recording header)`,
    );
  return new Recording(header, frames, notes, truncated);
}

/** A JSON report: the whole text, or (mixed with the program's output) its last line that is one. */
function fromReport(text: string, name: string): Recording {
  const candidates = [text, ...text.split('\n').reverse()];
  for (const candidate of candidates) {
    const trimmed = candidate.trim();
    if (!trimmed.startsWith('{')) continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      continue;
    }
    if (isSnapshot(value))
      return new Recording(
        null,
        [{ type: 'frame', tick: 0, atMs: value.elapsedMs, key: true, final: true, snapshot: value }],
        [],
        false,
      );
  }
  throw new RecordingError(
    `${name} is neither a hotpath recording (HOTPATH_RECORD) nor a JSON report (HOTPATH_REPORT=json)`,
  );
}

function isSnapshot(value: unknown): value is Snapshot {
  if (value === null || typeof value !== 'object') return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.schemaVersion === 'number' && Array.isArray(body.channels) && Array.isArray(body.futures)
  );
}
