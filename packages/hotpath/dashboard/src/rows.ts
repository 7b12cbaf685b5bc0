/**
 * Rows as the page reads them: whatever the server sends, field by field, so that a row with fields added
 * later, or a field that became null, still shows (unknown values read as "-").
 */
import type { ChannelRow, FunctionRow, FutureRow, GaugeRow, Snapshot, StreamRow } from '../../src/types.js';

/** The tabs that list rows; Runtime (and Lints) show other things. */
export type RowTab = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges';

export type AnyRow = (ChannelRow | StreamRow | FutureRow | FunctionRow | GaugeRow) & Record<string, unknown>;

export function field(row: AnyRow, name: string): unknown {
  return (row as Record<string, unknown>)[name];
}

export function numberField(row: AnyRow, name: string): number | null {
  const value = field(row, name);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A nested number such as `delay.p95Ms`; null when any step is missing. */
export function nestedNumber(row: AnyRow, outer: string, inner: string): number | null {
  const value = field(row, outer);
  if (value === null || typeof value !== 'object') return null;
  const n = (value as Record<string, unknown>)[inner];
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function textField(row: AnyRow, name: string): string | null {
  const value = field(row, name);
  return typeof value === 'string' ? value : null;
}

/** Only usable rows (a numeric id) from a snapshot list that may be missing. */
export function rowsOf(snapshot: Snapshot | null, tab: RowTab): AnyRow[] {
  const list = snapshot?.[tab] as unknown;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (row): row is AnyRow => row !== null && typeof row === 'object' && typeof (row as AnyRow).id === 'number',
  );
}

/** Only channels and streams have instances under a site row. */
export function hasInstanceRows(tab: RowTab): tab is 'channels' | 'streams' {
  return tab === 'channels' || tab === 'streams';
}

const PROGRESS: Record<RowTab, string> = {
  channels: 'sent',
  streams: 'yielded',
  futures: 'calls',
  functions: 'calls',
  gauges: 'updates',
};

/** The count a tab's rate is computed from. */
export function progressCount(tab: RowTab, row: AnyRow): number | null {
  return numberField(row, PROGRESS[tab]);
}
