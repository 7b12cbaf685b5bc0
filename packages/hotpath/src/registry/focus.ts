import { config } from '../config.js';

/**
 * `HOTPATH_FOCUS`: keeps the rows whose label contains the focus text or matches the focus `/regex/`.
 * Applied to every list of the snapshot, so reports, the server and the console all show the same rows.
 */
export function focused<R extends { label: string }>(rows: R[], focus = config.focus): R[] {
  if (focus === null) return rows;
  return rows.filter(
    typeof focus === 'string' ? (row) => row.label.includes(focus) : (row) => focus.test(row.label),
  );
}
