import type { StreamLogs, StreamRow } from '../types.js';

/** Stream rows for the snapshot. (Filled in by the streams work.) */
export function streamRows(): StreamRow[] {
  return [];
}

export function streamLogs(_id: number): StreamLogs | null {
  return null;
}
