/**
 * `hotpath/recording`: reading recordings (`HOTPATH_RECORD`) and JSON exit reports back, and rendering
 * reports of them. Used by `hotpath report`, `hotpath compare` and `hotpath console --replay`; nothing
 * here monitors anything or reads the environment.
 */
import type { Snapshot } from '../types.js';

export { formatDurationMs } from '../report/format.js';
export { type RenderOptions, renderReport } from '../report/render.js';
export { type Cell, type Column, type Paint, renderTable } from '../report/table.js';
export type {
  DetailChange,
  ListChange,
  RecordingFrame,
  RecordingHeader,
  RecordingLine,
  RecordingNote,
  SnapshotChanges,
} from './format.js';
export { Recording, RecordingError, readRecording } from './read.js';

/**
 * The snapshot with one row per site for channels and streams (what the console and the table report
 * show), when it carries site rows; otherwise as it is.
 */
export function bySite(snapshot: Snapshot): Snapshot {
  if (snapshot.sites === undefined) return snapshot;
  const { sites, ...rest } = snapshot;
  return { ...rest, channels: sites.channels, streams: sites.streams, by: 'site' };
}
