/** The snapshot's `lints` as the console reads them: defensively, since a server may send none or more fields. */
import type { AnyRow, TabId } from './rows.js';

export interface LintLine {
  lint: string;
  rowId: number;
  kind: string;
  label: string;
  since: number | null;
  message: string;
}

const TAB_OF_KIND: Record<string, TabId> = { channel: 'channels', stream: 'streams', future: 'futures' };

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

/**
 * The rows of a tab with each row that raises a lint marked (`lints`: the lint names), for the `⚠`
 * column. Rows without one are returned as they are.
 */
export function markRows(tab: TabId, rows: AnyRow[], lints: readonly LintLine[]): AnyRow[] {
  const byRow = new Map<number, string[]>();
  for (const lint of lints) {
    if (TAB_OF_KIND[lint.kind] !== tab) continue;
    const names = byRow.get(lint.rowId);
    if (names === undefined) byRow.set(lint.rowId, [lint.lint]);
    else names.push(lint.lint);
  }
  if (byRow.size === 0) return rows;
  return rows.map((row) => {
    const names = byRow.get(row.id);
    return names === undefined ? row : ({ ...row, lints: names } as AnyRow);
  });
}
