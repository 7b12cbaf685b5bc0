/**
 * The recording format, both ways: what the recorder writes and what `hotpath report`, `compare` and the
 * replay console read. A recording is NDJSON, one line per record, each line its own gzip member (so a
 * process killed mid-write leaves every earlier line readable):
 *
 *     {"type":"header", …}                   once, first
 *     {"type":"frame","key":true, …}          a full snapshot: the first frame and every `keyframeEvery`-th
 *     {"type":"frame", …, "changes": …}       between keyframes: only what changed since the frame before
 *     {"type":"note", …}                      e.g. the size cap was reached and recording stopped
 *
 * Pure data in, data out: no file access, no configuration, nothing that runs at import.
 */
import type { Snapshot } from '../types.js';

export const RECORDING_FORMAT = 'hotpath-recording';
export const RECORDING_VERSION = 1;

export interface RecordingHeader {
  type: 'header';
  format: typeof RECORDING_FORMAT;
  version: number;
  pid: number;
  argv: string[];
  /** Wall-clock time at which monitoring started (the origin of every `…Ms` time), ISO 8601. */
  startTime: string;
  intervalMs: number;
  keyframeEvery: number;
  /** Log entries kept per item: the replay shows at most this many, as the live console does. */
  logsLimit: number;
  maxBytes: number;
  node: string;
}

/** Rows of one list that changed: the new order of row keys when it changed, and the rows that did. */
export interface ListChange {
  keys?: string[];
  rows: unknown[];
}

export interface SnapshotChanges {
  /** Fields other than row lists whose value changed (elapsedMs, faults, runtime …). */
  set?: Record<string, unknown>;
  /** Fields that are gone. */
  unset?: string[];
  /** Row lists by path: `channels`, `futures`, `sites.channels` … */
  lists?: Record<string, ListChange>;
}

/** New log entries (or, for futures, the recent calls as they are now) of one item since the frame before. */
export interface DetailChange {
  /** The console's tab: `channels`, `streams`, `futures`, `functions`, `gauges`. */
  kind: string;
  /** The row id the console asks about: a site id for channels and streams, else the row's id. */
  id: number;
  /** New entries per list (`sentLogs`, `receivedLogs`, `logs`); `calls` replaces the previous list. */
  entries: Record<string, unknown[]>;
}

export interface RecordingFrame {
  type: 'frame';
  tick: number;
  /** `elapsedMs` of the snapshot. */
  atMs: number;
  key?: true;
  /** `final` on the frame written as the process exits (the same moment as its exit report). */
  final?: true;
  snapshot?: Snapshot;
  changes?: SnapshotChanges;
  details?: DetailChange[];
}

export interface RecordingNote {
  type: 'note';
  atMs: number;
  message: string;
}

export type RecordingLine = RecordingHeader | RecordingFrame | RecordingNote;

/** Row lists a snapshot carries, by path. */
const LIST_PATHS = ['channels', 'streams', 'futures', 'functions', 'gauges'] as const;
const SITE_PATHS = ['channels', 'streams'] as const;

type Row = { id: number; threadId?: number };

/** Rows from worker threads have their own id space: the thread makes the key unique. */
function rowKey(row: Row): string {
  return row.threadId === undefined ? String(row.id) : `${row.threadId}:${row.id}`;
}

/**
 * Remembers the last snapshot's rows as text, so that the next frame carries only what changed. One
 * instance per recording.
 */
export class DeltaEncoder {
  private lists = new Map<string, { keys: string[]; text: Map<string, string> }>();
  private fields = new Map<string, string>();

  /** Records `snapshot` as the new base and returns what changed since the previous one. */
  changes(snapshot: Snapshot): SnapshotChanges {
    const out: SnapshotChanges = {};
    const seen = new Set<string>();
    for (const [field, value] of Object.entries(snapshot)) {
      if ((LIST_PATHS as readonly string[]).includes(field) || field === 'sites') continue;
      seen.add(field);
      const text = JSON.stringify(value);
      if (this.fields.get(field) !== text) {
        out.set ??= {};
        out.set[field] = value;
        this.fields.set(field, text);
      }
    }
    for (const field of [...this.fields.keys()])
      if (!seen.has(field)) {
        this.fields.delete(field);
        out.unset ??= [];
        out.unset.push(field);
      }
    for (const [path, rows] of listsOf(snapshot)) {
      const change = this.listChange(path, rows);
      if (change === null) continue;
      out.lists ??= {};
      out.lists[path] = change;
    }
    return out;
  }

  /** Forgets everything: the next `changes` is relative to nothing (used after a keyframe is written). */
  reset(snapshot: Snapshot): void {
    this.lists.clear();
    this.fields.clear();
    this.changes(snapshot);
  }

  private listChange(path: string, rows: Row[]): ListChange | null {
    const before = this.lists.get(path) ?? { keys: [], text: new Map<string, string>() };
    const keys: string[] = [];
    const text = new Map<string, string>();
    const changed: unknown[] = [];
    for (const row of rows) {
      const key = rowKey(row);
      const json = JSON.stringify(row);
      keys.push(key);
      text.set(key, json);
      if (before.text.get(key) !== json) changed.push(row);
    }
    this.lists.set(path, { keys, text });
    const sameOrder = keys.length === before.keys.length && keys.every((key, i) => key === before.keys[i]);
    if (sameOrder && changed.length === 0) return null;
    return sameOrder ? { rows: changed } : { keys, rows: changed };
  }
}

function listsOf(snapshot: Snapshot): [string, Row[]][] {
  const lists: [string, Row[]][] = [];
  for (const path of LIST_PATHS) {
    const rows = snapshot[path] as Row[] | undefined;
    if (rows !== undefined) lists.push([path, rows]);
  }
  if (snapshot.sites !== undefined)
    for (const path of SITE_PATHS) lists.push([`sites.${path}`, snapshot.sites[path] as Row[]]);
  return lists;
}

/** The snapshot a delta frame stands for, given the one before it. Never changes `base`. */
export function applyChanges(base: Snapshot, changes: SnapshotChanges): Snapshot {
  const next = { ...base } as Record<string, unknown>;
  for (const field of changes.unset ?? []) delete next[field];
  Object.assign(next, changes.set ?? {});
  const snapshot = next as unknown as Snapshot;
  for (const [path, change] of Object.entries(changes.lists ?? {})) {
    const [top, sub] = path.split('.') as [string, string | undefined];
    if (sub === undefined) {
      next[top] = applyList((next[top] as Row[] | undefined) ?? [], change);
    } else {
      const sites = { ...((next[top] as Record<string, Row[]> | undefined) ?? {}) };
      sites[sub] = applyList(sites[sub] ?? [], change);
      next[top] = sites;
    }
  }
  return snapshot;
}

function applyList(rows: Row[], change: ListChange): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(rowKey(row), row);
  for (const row of change.rows as Row[]) byKey.set(rowKey(row), row);
  if (change.keys === undefined) return rows.map((row) => byKey.get(rowKey(row))!);
  return change.keys.map((key) => byKey.get(key)).filter((row): row is Row => row !== undefined);
}

/**
 * One line of a recording's text, or null for a line that is not one (cut short by a kill, or not
 * JSON at all).
 */
export function parseLine(line: string): RecordingLine | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const type = (value as { type?: unknown }).type;
  return type === 'header' || type === 'frame' || type === 'note' ? (value as RecordingLine) : null;
}
