/** What the table shows: rows filtered, sorted, and the window of them that fits. Pure functions. */
import { type CellContext, type Column, compareSortValues } from './columns.js';
import { type AnyRow, displayLabel, numberField, textField } from './rows.js';

export interface SortState {
  /** A column key, or null for the server's order (custom labels first, then by call site). */
  key: string | null;
  descending: boolean;
}

/** Case-insensitive text match on what identifies a row: label, call site, kind, type, state, id. */
export function matchesFilter(row: AnyRow, filter: string): boolean {
  if (filter === '') return true;
  const needle = filter.toLowerCase();
  const haystack = [
    displayLabel(row),
    textField(row, 'source'),
    textField(row, 'kind'),
    textField(row, 'type'),
    textField(row, 'state'),
    `#${row.id}`,
  ];
  return haystack.some((text) => text?.toLowerCase().includes(needle) === true);
}

export function arrangeRows(
  rows: readonly AnyRow[],
  columns: readonly Column[],
  filter: string,
  sort: SortState,
  context: CellContext,
): AnyRow[] {
  const kept = filter === '' ? [...rows] : rows.filter((row) => matchesFilter(row, filter));
  const column = sort.key === null ? undefined : columns.find((c) => c.key === sort.key);
  if (column === undefined) return kept;
  const keyed = kept.map((row, index) => ({ row, index, value: column.sortValue(row, context.rates) }));
  const direction = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    // Unknown values go last in either direction; ties keep the server's order.
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
      return a.index - b.index;
    }
    return direction * compareSortValues(a.value, b.value) || a.index - b.index;
  });
  return keyed.map((entry) => entry.row);
}

/** The next sort when `s` is pressed: server order → each column in turn → server order. */
export function nextSort(sort: SortState, columns: readonly Column[]): SortState {
  const at = sort.key === null ? -1 : columns.findIndex((c) => c.key === sort.key);
  const next = columns[at + 1];
  if (next === undefined) return { key: null, descending: false };
  // Numbers read best biggest first; labels and states alphabetically.
  return { key: next.key, descending: next.align === 'right' || next.key === 'queued' };
}

/** Where the selection lands after the rows changed: the same id if still there, else the same position. */
export function selectionIndex(
  rows: readonly AnyRow[],
  selectedId: number | null,
  previousIndex: number,
): number {
  if (rows.length === 0) return -1;
  if (selectedId !== null) {
    const found = rows.findIndex((row) => row.id === selectedId);
    if (found >= 0) return found;
  }
  return Math.min(Math.max(previousIndex, 0), rows.length - 1);
}

/** The first visible row so that `selected` is in a window of `height` rows, moving as little as possible. */
export function windowTop(top: number, selected: number, height: number, total: number): number {
  if (height <= 0 || total <= height) return 0;
  let next = Math.min(Math.max(top, 0), total - height);
  if (selected >= 0 && selected < next) next = selected;
  if (selected >= next + height) next = selected - height + 1;
  return next;
}

const FINISHED = new Set(['closed', 'notified', 'errored', 'cancelled']);

/**
 * Whether a row is still live: a site row while any of its instances is; another row when not in a
 * finished state and not a summary of finished instances.
 */
export function isLive(row: AnyRow): boolean {
  const active = numberField(row, 'active');
  if (active !== null) return active > 0;
  const state = textField(row, 'state');
  return (
    !(state !== null && FINISHED.has(state)) && !(typeof row.instances === 'number' && row.instances > 1)
  );
}
