/**
 * The columns as a terminal draws them. What each tab's columns are (header, width, text, sort, tone) is
 * written once in `hotpath/text`, shared with the web dashboard; here a cell becomes coloured segments
 * fitted to its width, the queue gets its fill bar, and columns drop on a narrow terminal.
 */
import {
  availableColumns,
  COLUMNS,
  type ColumnDef,
  compareSortValues,
  queueOf,
  type RowTab,
  type SortValue,
  type Tone,
} from 'hotpath/text';
import { fit, formatCount, UNKNOWN } from './format.js';
import type { AnyRow } from './rows.js';

export { availableColumns, COLUMNS, compareSortValues, type SortValue };
export type Column = ColumnDef;
export type ColumnsByTab = Record<RowTab, readonly Column[]>;

/** A run of text in one style. */
export interface Segment {
  text: string;
  color?: string;
  dim?: boolean;
  bold?: boolean;
}

export interface CellContext {
  /** Per-row rates (per second), by id. */
  rates: Map<number, number>;
}

export const LABEL_MIN_WIDTH = 14;

const STATE_COLOR: Record<string, string> = {
  active: 'green',
  full: 'red',
  closed: 'yellow',
  notified: 'blue',
  errored: 'red',
  cancelled: 'magenta',
  pending: 'cyan',
  resolved: 'green',
  rejected: 'red',
};

export function stateColor(state: string): string | undefined {
  return STATE_COLOR[state];
}

type Style = Omit<Segment, 'text'>;

const TONE_STYLE: Partial<Record<Tone, Style>> = {
  custom: { bold: true },
  muted: { dim: true },
  pending: { color: 'cyan' },
  error: { color: 'red' },
  warning: { color: 'yellow', bold: true },
  trend: { color: 'cyan' },
};

/** A tone in terminal colours; a state without a colour of its own reads dim. */
function styleOf(tone: Tone | undefined, text: string): Style {
  if (tone?.startsWith('state-')) {
    const color = stateColor(tone.slice('state-'.length));
    return color === undefined ? { dim: true } : { color };
  }
  return (tone === undefined ? undefined : TONE_STYLE[tone]) ?? (text === UNKNOWN ? { dim: true } : {});
}

/** One cell, exactly `width` columns: labels lose their start when cut (the end of a path says more). */
export function cellSegments(column: Column, row: AnyRow, context: CellContext, width: number): Segment[] {
  if (column.key === 'queued') {
    const { queued, capacity } = queueOf(row);
    return queueCell(queued, capacity, width);
  }
  const text = column.text(row, context.rates);
  return [
    { text: fit(text, width, column.align, column.key === 'label'), ...styleOf(column.tone?.(row), text) },
  ];
}

const BAR_WIDTH = 6;

/** `queued/capacity` behind a bar: green below half, yellow from half, red when full. */
export function queueCell(queued: number | null, capacity: number | null, width: number): Segment[] {
  if (queued === null) return [{ text: fit(UNKNOWN, width), dim: true }];
  if (capacity === null || capacity <= 0) {
    return [
      { text: ' '.repeat(BAR_WIDTH + 1), dim: true },
      { text: fit(`${formatCount(queued)}`, width - BAR_WIDTH - 1) },
    ];
  }
  const ratio = Math.min(1, Math.max(0, queued / capacity));
  const filled = queued >= capacity ? BAR_WIDTH : Math.min(BAR_WIDTH - 1, Math.round(ratio * BAR_WIDTH));
  const color = ratio >= 1 ? 'red' : ratio >= 0.5 ? 'yellow' : 'green';
  return [
    { text: '█'.repeat(filled), color },
    { text: '░'.repeat(BAR_WIDTH - filled), dim: true },
    { text: ' ' },
    { text: fit(`${formatCount(queued)}/${formatCount(capacity)}`, width - BAR_WIDTH - 1) },
  ];
}

/**
 * The columns that fit `width`, each with its width: the label takes what is left. Columns are dropped
 * from the highest `drop` down until the label gets at least its minimum.
 */
export function layoutColumns(
  columns: readonly Column[],
  width: number,
): { column: Column; width: number }[] {
  const kept = [...columns];
  const fixed = () => kept.reduce((sum, column) => sum + column.width + 1, 0);
  while (width - fixed() < LABEL_MIN_WIDTH) {
    let worst = -1;
    for (let i = 0; i < kept.length; i++) {
      if (kept[i]!.width > 0 && kept[i]!.drop > 0 && (worst < 0 || kept[i]!.drop >= kept[worst]!.drop))
        worst = i;
    }
    if (worst < 0) break;
    kept.splice(worst, 1);
  }
  const labelWidth = Math.max(LABEL_MIN_WIDTH, width - fixed());
  return kept.map((column) => ({ column, width: column.width === 0 ? labelWidth : column.width }));
}
