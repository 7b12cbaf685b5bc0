/**
 * The snapshot's `lints` as the console and the dashboard read them: defensively, since a server may send
 * none or more fields; and the rows they concern, marked for the `⚠` column.
 */
import type { ColumnRow, RowTab } from './columns.js';

export interface LintLine {
  lint: string;
  rowId: number;
  kind: string;
  label: string;
  since: number | null;
  message: string;
}

const TAB_OF_KIND: Record<string, RowTab> = { channel: 'channels', stream: 'streams', future: 'futures' };

export function usableLints(list: unknown): LintLine[] {
  if (!Array.isArray(list)) return [];
  const lints: LintLine[] = [];
  for (const item of list) {
    if (item === null || typeof item !== 'object') continue;
    const lint = item as Record<string, unknown>;
    if (typeof lint.lint !== 'string' || typeof lint.message !== 'string') continue;
    lints.push({
      lint: lint.lint,
      rowId: typeof lint.rowId === 'number' ? lint.rowId : -1,
      kind: typeof lint.kind === 'string' ? lint.kind : '',
      label: typeof lint.label === 'string' ? lint.label : '',
      since: typeof lint.since === 'number' && Number.isFinite(lint.since) ? lint.since : null,
      message: lint.message,
    });
  }
  return lints;
}

/** The tab that lists the rows of a lint's `kind`; undefined for a kind no tab lists. */
export function tabOfLint(lint: LintLine): RowTab | undefined {
  return TAB_OF_KIND[lint.kind];
}

/**
 * The rows of a tab with each row that raises a lint marked (`lints`: the lint names), for the `⚠`
 * column. Rows without one are returned as they are.
 */
export function markLintedRows<Row extends ColumnRow>(
  tab: RowTab,
  rows: Row[],
  lints: readonly LintLine[],
): Row[] {
  const byRow = new Map<number, string[]>();
  for (const lint of lints) {
    if (tabOfLint(lint) !== tab) continue;
    const names = byRow.get(lint.rowId);
    if (names === undefined) byRow.set(lint.rowId, [lint.lint]);
    else names.push(lint.lint);
  }
  if (byRow.size === 0) return rows;
  return rows.map((row) => {
    const names = byRow.get(row.id);
    return names === undefined ? row : ({ ...row, lints: names } as Row);
  });
}
