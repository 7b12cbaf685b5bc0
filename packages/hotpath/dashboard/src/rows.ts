/**
 * Rows as the page reads them: whatever the server sends, field by field, so that a row with fields added
 * later, or a field that became null, still shows (unknown values read as "-").
 */
import { field, nestedNumber, numberField, textField } from '../../src/text/row-fields.js';
import type { ChannelRow, FunctionRow, FutureRow, GaugeRow, Snapshot, StreamRow } from '../../src/types.js';

export { field, nestedNumber, numberField, textField };

/** The tabs that list rows; Runtime (and Lints) show other things. */
export type RowTab = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges';

export type AnyRow = (ChannelRow | StreamRow | FutureRow | FunctionRow | GaugeRow) & Record<string, unknown>;

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
