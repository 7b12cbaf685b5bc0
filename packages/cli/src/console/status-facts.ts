import { siteStateSummary } from 'hotpath/text';
import type { AnyRow } from './rows.js';
import type { SortState } from './view.js';

/** What the line under the table says about it, joined by `·`; see `tableFacts`. */
export interface TableFacts {
  /** Rows shown after filtering, and which of them is selected (0-based). */
  shown: number;
  selected: number;
  /** Rows the program has in all, when the answer held only the first `received` of them. */
  total: number | undefined;
  received: number;
  /** Rows hidden because they finished, with live-only on (null when it is off). */
  finishedHidden: number | null;
  selectedRow: AnyRow | undefined;
  /** The instance view of a site row: its label, and the site row itself. */
  drill: { label: string; site: AnyRow | undefined } | null;
  sort: SortState;
  sortHeader: string | undefined;
  filter: string;
  faults: number;
  pid: number | null;
}

export function tableFacts(facts: TableFacts): string {
  const { sort } = facts;
  return [
    facts.shown > 0 ? `[${facts.selected + 1}/${facts.shown}]` : null,
    facts.drill === null && (facts.total ?? 0) > facts.received
      ? `first ${facts.received} of ${facts.total}`
      : null,
    facts.drill === null
      ? siteStates(facts.selectedRow)
      : `instances of ${facts.drill.label}${bracketed(siteStates(facts.drill.site))} (← back)`,
    facts.finishedHidden === null ? null : `live only (${facts.finishedHidden} finished hidden)`,
    sort.key === null ? null : `sort ${facts.sortHeader ?? sort.key}${sort.descending ? '▼' : '▲'}`,
    facts.filter === '' ? null : `filter "${facts.filter}"`,
    facts.faults > 0 ? `${facts.faults} faults` : null,
    facts.pid === null ? null : `pid ${facts.pid}`,
  ]
    .filter((fact) => fact !== null)
    .join(' · ');
}

/** `3 active · 554 closed` for a site row standing for several instances; null otherwise. */
function siteStates(row: AnyRow | undefined): string | null {
  if (row === undefined || (row.instances ?? 1) <= 1) return null;
  const states = row.states;
  return states !== null && typeof states === 'object'
    ? siteStateSummary(states as Record<string, number>)
    : null;
}

function bracketed(text: string | null): string {
  return text === null ? '' : ` (${text})`;
}
