/**
 * Rows as the page reads them: whatever the server sends, field by field, so that a row with fields added
 * later, or a field that became null, still shows (unknown values read as "-").
 */
import type { RowTab } from '../../src/text/columns.js';
import { markLintedRows, usableLints } from '../../src/text/lint-rows.js';
import type { ChannelRow, FunctionRow, FutureRow, GaugeRow, Snapshot, StreamRow } from '../../src/types.js';

export { progressCount, type RowTab } from '../../src/text/columns.js';
export { field, nestedNumber, numberField, textField } from '../../src/text/row-fields.js';

export type AnyRow = (ChannelRow | StreamRow | FutureRow | FunctionRow | GaugeRow) & Record<string, unknown>;

/** Only usable rows (a numeric id) from a snapshot list that may be missing. */
export function rowsOf(snapshot: Snapshot | null, tab: RowTab): AnyRow[] {
  const list = snapshot?.[tab] as unknown;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (row): row is AnyRow => row !== null && typeof row === 'object' && typeof (row as AnyRow).id === 'number',
  );
}

/** A tab's rows with those that raise a lint marked (`lints`), for the `⚠` column. */
export function markedRowsOf(snapshot: Snapshot | null, tab: RowTab): AnyRow[] {
  return markLintedRows(tab, rowsOf(snapshot, tab), usableLints(snapshot?.lints));
}

/** Only channels and streams have instances under a site row. */
export function hasInstanceRows(tab: RowTab): tab is 'channels' | 'streams' {
  return tab === 'channels' || tab === 'streams';
}
