/**
 * A performance mark, once, when a table first shows rows: how long the page took from navigation to
 * data on screen (`performance.getEntriesByName(FIRST_ROWS_MARK)`; bench/dashboard.bench.ts reads it).
 */
export const FIRST_ROWS_MARK = 'hotpath:first-rows';

let marked = false;

/** Called from an effect, which runs once the frame holding the rows is painted. */
export function markFirstRows(): void {
  if (marked) return;
  marked = true;
  performance.mark(FIRST_ROWS_MARK);
}
