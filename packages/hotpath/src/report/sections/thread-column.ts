import type { Column } from '../table.js';

/**
 * The Thread column: shown only when some row came from a worker, so a single-threaded program's
 * tables look as they always did. Main-thread rows read `main`.
 */
export function threadColumn(rows: readonly { threadId?: number }[]): {
  columns: Column[];
  cells: (row: { threadId?: number }) => string[];
} {
  if (!rows.some((row) => row.threadId !== undefined)) return { columns: [], cells: () => [] };
  return {
    columns: [{ header: 'Thread', align: 'right' }],
    cells: (row) => [row.threadId === undefined ? 'main' : String(row.threadId)],
  };
}
