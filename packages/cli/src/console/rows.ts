/**
 * Rows as the console reads them: whatever the server sends, read field by field, so that a row with
 * fields added later, or a field that became null, still shows (unknown values read as "-").
 */
import type { ChannelRow, FunctionRow, FutureRow, GaugeRow, StreamRow } from 'hotpath';
import {
  displayLabel,
  field,
  nestedNumber,
  numberField,
  progressCount,
  type RowTab,
  textField,
} from 'hotpath/text';

export { displayLabel, field, nestedNumber, numberField, progressCount, textField };

export type TabId = RowTab;

/** Only channels and streams have instances under a site row; the other tabs list one row per site. */
export function hasInstanceRows(tab: TabId): boolean {
  return tab === 'channels' || tab === 'streams';
}

/** A row of any kind, as received: the known fields, and possibly more. */
export type AnyRow = (
  | ChannelRow
  | StreamRow
  | FutureRow
  // One row per site, never folded: `instances` is absent.
  | ((FunctionRow | GaugeRow) & { instances?: number })
) &
  Record<string, unknown>;

/** Rows are only usable with a numeric id; anything else in a list is skipped. */
export function usableRows(list: unknown): AnyRow[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (row): row is AnyRow => row !== null && typeof row === 'object' && typeof (row as AnyRow).id === 'number',
  );
}
