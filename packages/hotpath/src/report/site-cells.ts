import { siteStateSummary } from '../text/site-state.js';
import type { RowIdentity, SiteFields } from '../types.js';

/**
 * The label and state cells of a row that may stand for several instances. A site row (with `states`)
 * reads `upper (×557)` and `3 active · 554 closed`; a folded summary among instance rows says how many
 * finished instances it holds; a row of one instance reads as it always did.
 */
export function rowLabel(row: RowIdentity & Partial<SiteFields>): string {
  if (row.instances <= 1) return row.label;
  return row.states === undefined
    ? `${row.label} (${row.instances} finished)`
    : `${row.label} (×${row.instances})`;
}

export function rowState(row: RowIdentity & Partial<SiteFields> & { state: string }): string {
  return row.instances > 1 && row.states !== undefined ? siteStateSummary(row.states) : row.state;
}
