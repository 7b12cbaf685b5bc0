/**
 * The columns of each tab, with the console's headers: what a cell reads, what it sorts by, and a class
 * for its colour. Optional fields (`dropped`, `polls`, `threadId`, …) get a column only when some row has them.
 */
import {
  formatBytes,
  formatCount,
  formatDurationMs,
  formatPlain,
  formatRate,
  UNKNOWN,
} from '../../src/text/numbers.js';
import { type AnyRow, field, nestedNumber, numberField, type RowTab, textField } from './rows.js';

export type SortValue = number | string | null;

export interface Column {
  key: string;
  header: string;
  align: 'left' | 'right';
  /** Width in `ch`; the label column takes what is left. */
  width: number;
  /** Shown only when some row has this field (not undefined). */
  onlyWith?: string;
  /** Shown only when some row has a value (not null) in the field named by `key`. */
  onlyWithValue?: boolean;
  sortValue(row: AnyRow, rates: Map<number, number>): SortValue;
  text(row: AnyRow, rates: Map<number, number>): string;
  /** A class naming the cell's meaning (`state-full`, `zero`, …) for the style sheet. */
  tone?(row: AnyRow): string | undefined;
}

/** The label as listed: folded and site rows say how many instances they stand for. */
export function displayLabel(row: AnyRow): string {
  const label = typeof row.label === 'string' ? row.label : String(row.id);
  const instances = numberField(row, 'instances');
  return instances !== null && instances > 1 ? `${label} (×${instances})` : label;
}

function labelColumn(header: string): Column {
  return {
    key: 'label',
    header,
    align: 'left',
    width: 0,
    sortValue: (row) => displayLabel(row).toLowerCase(),
    text: displayLabel,
    tone: (row) => (row.hasCustomLabel ? 'custom' : undefined),
  };
}

function textColumn(key: string, header: string, width: number): Column {
  return {
    key,
    header,
    align: 'left',
    width,
    sortValue: (row) => textField(row, key),
    text: (row) => formatPlain(field(row, key)),
  };
}

function numberColumn(
  key: string,
  header: string,
  width: number,
  format: (value: unknown) => string,
  onlyWith?: string,
): Column {
  return {
    key,
    header,
    align: 'right',
    width,
    ...(onlyWith === undefined ? {} : { onlyWith }),
    sortValue: (row) => numberField(row, key),
    text: (row) => format(field(row, key)),
  };
}

function countColumn(key: string, header: string, onlyWith?: string): Column {
  return numberColumn(key, header, 9, formatCount, onlyWith);
}

function durationColumn(
  key: string,
  header: string,
  read: (row: AnyRow) => number | null,
  onlyWith?: string,
): Column {
  return {
    key,
    header,
    align: 'right',
    width: 9,
    ...(onlyWith === undefined ? {} : { onlyWith }),
    sortValue: read,
    text: (row) => formatDurationMs(read(row)),
  };
}

const RATE_COLUMN: Column = {
  key: 'rate',
  header: 'Rate',
  align: 'right',
  width: 9,
  sortValue: (row, rates) => rates.get(row.id) ?? null,
  text: (row, rates) => formatRate(rates.get(row.id)),
};

/** A site row's state: `⚠ 2 full`, `3 active`, else its one state, as in the console. */
function stateText(row: AnyRow): string {
  const state = textField(row, 'state') ?? UNKNOWN;
  const states = field(row, 'states');
  if ((numberField(row, 'instances') ?? 1) > 1 && states !== null && typeof states === 'object') {
    const count = (name: string) => {
      const n = (states as Record<string, unknown>)[name];
      return typeof n === 'number' ? n : 0;
    };
    if (count('full') > 0) return `⚠ ${count('full')} full`;
    if (count('active') > 0) return `${count('active')} active`;
  }
  return state === 'full' ? '⚠ full' : state;
}

const STATE_COLUMN: Column = {
  key: 'state',
  header: 'State',
  align: 'left',
  width: 11,
  sortValue: (row) => textField(row, 'state'),
  text: stateText,
  tone: (row) => `state-${textField(row, 'state') ?? 'unknown'}`,
};

const THREAD_COLUMN: Column = {
  key: 'threadId',
  header: 'Thread',
  align: 'right',
  width: 7,
  onlyWith: 'threadId',
  sortValue: (row) => numberField(row, 'threadId') ?? 0,
  text: (row) => String(numberField(row, 'threadId') ?? 'main'),
};

/** `queued/capacity` (a site's queue sums its instances: no capacity shown against one instance's). */
const QUEUE_COLUMN: Column = {
  key: 'queued',
  header: 'Queue',
  align: 'right',
  width: 12,
  sortValue: (row) => {
    const queued = numberField(row, 'queued');
    const capacity = numberField(row, 'capacity');
    return queued === null ? null : capacity ? queued / capacity : queued;
  },
  text: (row) => {
    const queued = numberField(row, 'queued');
    const capacity = (numberField(row, 'instances') ?? 1) > 1 ? null : numberField(row, 'capacity');
    if (queued === null) return UNKNOWN;
    return capacity === null ? formatCount(queued) : `${formatCount(queued)}/${formatCount(capacity)}`;
  },
  tone: (row) => {
    const queued = numberField(row, 'queued');
    const capacity = numberField(row, 'capacity');
    if (queued === null || !capacity || (numberField(row, 'instances') ?? 1) > 1) return undefined;
    return queued >= capacity ? 'fill-full' : queued >= capacity / 2 ? 'fill-half' : undefined;
  },
};

/** Counts that should catch the eye when not zero (pending, rejected). */
function alertCount(key: string, header: string, tone: string): Column {
  return { ...countColumn(key, header), tone: (row) => (numberField(row, key) ? tone : 'zero') };
}

const CHANNEL_COLUMNS: Column[] = [
  labelColumn('Channel'),
  THREAD_COLUMN,
  textColumn('type', 'Type', 13),
  STATE_COLUMN,
  countColumn('sent', 'Sent'),
  countColumn('received', 'Recv'),
  QUEUE_COLUMN,
  numberColumn('queuedBytes', 'Mem', 9, formatBytes),
  RATE_COLUMN,
  durationColumn('p50', 'p50', (row) => nestedNumber(row, 'delay', 'p50Ms')),
  durationColumn('p95', 'p95', (row) => nestedNumber(row, 'delay', 'p95Ms')),
  durationColumn('p99', 'p99', (row) => nestedNumber(row, 'delay', 'p99Ms')),
  countColumn('dropped', 'Dropped', 'dropped'),
  textColumn('kind', 'Kind', 12),
];

const STREAM_COLUMNS: Column[] = [
  labelColumn('Stream'),
  THREAD_COLUMN,
  textColumn('kind', 'Kind', 13),
  STATE_COLUMN,
  countColumn('yielded', 'Yielded'),
  RATE_COLUMN,
  numberColumn('itemsPerSecond', 'Avg rate', 9, formatRate),
  durationColumn('firstItemMs', '1st item', (row) => numberField(row, 'firstItemMs')),
  durationColumn('consumerWaitMs', 'Cons wait', (row) => numberField(row, 'consumerWaitMs')),
  {
    ...durationColumn('producerWaitMs', 'Prod wait', (row) => numberField(row, 'producerWaitMs')),
    onlyWithValue: true,
  },
];

const FUTURE_COLUMNS: Column[] = [
  labelColumn('Future'),
  THREAD_COLUMN,
  countColumn('calls', 'Calls'),
  countColumn('polls', 'Polls', 'polls'),
  alertCount('pending', 'Pending', 'pending'),
  countColumn('resolved', 'Resolved'),
  alertCount('rejected', 'Rejected', 'rejected'),
  countColumn('cancelled', 'Cancel'),
  countColumn('untracked', 'Untracked', 'untracked'),
  RATE_COLUMN,
  durationColumn('p50', 'p50', (row) => nestedNumber(row, 'duration', 'p50Ms')),
  durationColumn('p95', 'p95', (row) => nestedNumber(row, 'duration', 'p95Ms')),
  durationColumn('max', 'max', (row) => nestedNumber(row, 'duration', 'maxMs')),
  durationColumn(
    'longestPendingMs',
    'Longest',
    (row) => numberField(row, 'longestPendingMs'),
    'longestPendingMs',
  ),
];

const FUNCTION_COLUMNS: Column[] = [
  labelColumn('Function'),
  countColumn('calls', 'Calls'),
  alertCount('errors', 'Errors', 'rejected'),
  RATE_COLUMN,
  durationColumn('meanMs', 'Mean', (row) => numberField(row, 'meanMs')),
  durationColumn('p50Ms', 'p50', (row) => numberField(row, 'p50Ms')),
  durationColumn('p95Ms', 'p95', (row) => numberField(row, 'p95Ms')),
  durationColumn('p99Ms', 'p99', (row) => numberField(row, 'p99Ms')),
  durationColumn('maxMs', 'Max', (row) => numberField(row, 'maxMs')),
  durationColumn('totalMs', 'Total', (row) => numberField(row, 'totalMs')),
  numberColumn('percentOfWall', '% Total', 9, (value) =>
    typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)}%` : UNKNOWN,
  ),
];

const GAUGE_COLUMNS: Column[] = [
  labelColumn('Gauge'),
  textColumn('kind', 'Kind', 7),
  {
    key: 'value',
    header: 'Value',
    align: 'right',
    width: 16,
    sortValue: (row) => numberField(row, 'value') ?? textField(row, 'message'),
    text: (row) => textField(row, 'message') ?? UNKNOWN,
  },
  numberColumn('min', 'Min', 10, formatPlain),
  numberColumn('max', 'Max', 10, formatPlain),
  countColumn('updates', 'Updates'),
  RATE_COLUMN,
];

const COLUMNS: Record<RowTab, Column[]> = {
  channels: CHANNEL_COLUMNS,
  streams: STREAM_COLUMNS,
  futures: FUTURE_COLUMNS,
  functions: FUNCTION_COLUMNS,
  gauges: GAUGE_COLUMNS,
};

/** The columns a tab shows for these rows (optional ones only when some row has their field). */
export function columnsFor(tab: RowTab, rows: readonly AnyRow[]): Column[] {
  return COLUMNS[tab].filter(
    (column) =>
      (column.onlyWith === undefined || rows.some((row) => field(row, column.onlyWith!) !== undefined)) &&
      (column.onlyWithValue !== true || rows.some((row) => field(row, column.key) != null)),
  );
}

/** Unknowns last whatever the direction. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
