/**
 * The columns of each row tab, written once for the console and the web dashboard: header, width, what a
 * cell reads (plain text), what it sorts by, and a tone naming what the cell means (`error`, `muted`, a
 * state…) that each front end turns into its own colour. The hotpath-rs columns come first; then what it
 * lacks (queue fill, delay percentiles, rates). Columns for fields that not every hotpath version sends
 * (`dropped`, `polls`, …) are offered only when some row carries them. No Node APIs: the dashboard's
 * bundle includes this module.
 */
import { formatBytes, formatCount, formatDurationMs, formatPlain, formatRate, UNKNOWN } from './numbers.js';
import { field, nestedNumber, numberField, textField } from './row-fields.js';
import { historyList, peak, sparkline } from './sparkline.js';

/** The tabs that list rows (Runtime and the warnings show other things). */
export type RowTab = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges';

/** A row as a client received it: an id, and whatever fields this version of hotpath sends. */
export type ColumnRow = { readonly id: number } & Record<string, unknown>;

/** Per-row rates (per second), by id: computed by the client from two snapshots. */
export type RowRates = ReadonlyMap<number, number>;

export type SortValue = number | string | null;

/**
 * What a cell means, for its colour: `state-<state>` for a state, `fill-half`/`fill-full` for a queue,
 * `custom` for a label the program chose, `muted` for nothing to see (a zero, the main thread, unknown),
 * `pending`, `error` and `warning` for what should catch the eye, `trend` for a sparkline.
 */
export type Tone =
  | 'custom'
  | 'muted'
  | 'pending'
  | 'error'
  | 'warning'
  | 'trend'
  | 'fill-half'
  | 'fill-full'
  | `state-${string}`;

export interface ColumnDef {
  key: string;
  header: string;
  /** Terminal columns (the web table adds its padding); 0 for the label column, which takes what is left. */
  width: number;
  align: 'left' | 'right';
  /** Narrow terminals drop the columns with the highest number first; 0 never. */
  drop: number;
  /** Offered only when some row has this field (not undefined). */
  onlyWith?: string;
  /** Offered only when some row has a value (not null) in the field named by `key`. */
  onlyWithValue?: boolean;
  sortValue(row: ColumnRow, rates: RowRates): SortValue;
  /** The cell as plain text ("-" when unknown), not yet fitted to a width. */
  text(row: ColumnRow, rates: RowRates): string;
  tone?(row: ColumnRow): Tone | undefined;
}

/** The label as listed: a folded or site row says how many instances it stands for. */
export function displayLabel(row: ColumnRow): string {
  const label = typeof row.label === 'string' ? row.label : String(row.id);
  const instances = numberField(row, 'instances');
  return instances !== null && instances > 1 ? `${label} (×${instances})` : label;
}

const unknownMuted = (text: string): Tone | undefined => (text === UNKNOWN ? 'muted' : undefined);

function labelColumn(header: string): ColumnDef {
  return {
    key: 'label',
    header,
    width: 0,
    align: 'left',
    drop: 0,
    sortValue: (row) => displayLabel(row).toLowerCase(),
    text: displayLabel,
    tone: (row) => (row.hasCustomLabel ? 'custom' : undefined),
  };
}

/** A field as it reads, right- or left-aligned, sorted by its value. */
function fieldColumn(
  key: string,
  header: string,
  width: number,
  drop: number,
  format: (value: unknown) => string,
  align: 'left' | 'right',
  onlyWith?: string,
): ColumnDef {
  return {
    key,
    header,
    width,
    align,
    drop,
    ...(onlyWith === undefined ? {} : { onlyWith }),
    sortValue: (row) => (align === 'right' ? numberField(row, key) : textField(row, key)),
    text: (row) => format(field(row, key)),
    tone: (row) => unknownMuted(format(field(row, key))),
  };
}

function textColumn(key: string, header: string, width: number, drop: number): ColumnDef {
  return fieldColumn(key, header, width, drop, formatPlain, 'left');
}

function numberColumn(
  key: string,
  header: string,
  width: number,
  drop: number,
  format: (value: unknown) => string,
  onlyWith?: string,
): ColumnDef {
  return fieldColumn(key, header, width, drop, format, 'right', onlyWith);
}

function countColumn(key: string, header: string, width: number, drop: number, onlyWith?: string): ColumnDef {
  return numberColumn(key, header, width, drop, formatCount, onlyWith);
}

/** A count that should catch the eye when it is not zero (pending calls, rejections, errors). */
function alertColumn(key: string, header: string, width: number, drop: number, tone: Tone): ColumnDef {
  return {
    ...countColumn(key, header, width, drop),
    tone: (row) => (numberField(row, key) ? tone : 'muted'),
  };
}

function durationColumn(
  key: string,
  header: string,
  read: (row: ColumnRow) => number | null,
  drop: number,
  onlyWith?: string,
): ColumnDef {
  return {
    key,
    header,
    width: Math.max(8, header.length),
    align: 'right',
    drop,
    ...(onlyWith === undefined ? {} : { onlyWith }),
    sortValue: read,
    text: (row) => formatDurationMs(read(row)),
    tone: (row) => (read(row) === null ? 'muted' : undefined),
  };
}

function rateColumn(drop: number): ColumnDef {
  return {
    key: 'rate',
    header: 'Rate',
    width: 8,
    align: 'right',
    drop,
    sortValue: (row, rates) => rates.get(row.id) ?? null,
    text: (row, rates) => formatRate(rates.get(row.id)),
    tone: () => undefined,
  };
}

/**
 * A site row's state in a narrow cell: `⚠ 2 full`, `3 active`, else its one state; the whole count
 * (`3 active · 554 closed`) is in the console's status line and both instance views.
 */
function stateText(row: ColumnRow): string {
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

function stateColumn(): ColumnDef {
  return {
    key: 'state',
    header: 'State',
    width: 9,
    align: 'left',
    drop: 0,
    sortValue: (row) => textField(row, 'state'),
    text: stateText,
    tone: (row) => `state-${textField(row, 'state') ?? 'unknown'}`,
  };
}

/**
 * `⚠` on a row that raises a lint (clients mark rows from the snapshot's `lints`, in a field of that
 * name: see `markLintedRows`); offered only while some row has one.
 */
const LINTS_COLUMN: ColumnDef = {
  key: 'lints',
  header: '⚠',
  width: 2,
  align: 'left',
  drop: 0,
  onlyWith: 'lints',
  sortValue: (row) => lintNames(row).length,
  text: (row) => (lintNames(row).length > 0 ? '⚠' : ''),
  tone: (row) => (lintNames(row).length > 0 ? 'warning' : undefined),
};

function lintNames(row: ColumnRow): unknown[] {
  const lints = field(row, 'lints');
  return Array.isArray(lints) ? lints : [];
}

/** Which thread a row came from: offered once some row carries a `threadId` (a worker's); `main` sorts first. */
const THREAD_COLUMN: ColumnDef = {
  key: 'threadId',
  header: 'Thread',
  width: 6,
  align: 'right',
  drop: 2,
  onlyWith: 'threadId',
  sortValue: (row) => numberField(row, 'threadId') ?? 0,
  text: (row) => String(numberField(row, 'threadId') ?? 'main'),
  tone: (row) => (numberField(row, 'threadId') === null ? 'muted' : undefined),
};

const TREND_WIDTH = 12;

/** The last samples of a row's history (`queued` for channels, the rate for streams) as block characters. */
function trendColumn(list: string, header: string, drop: number): ColumnDef {
  const values = (row: ColumnRow) => historyList(field(row, 'history'), list);
  return {
    key: 'trend',
    header,
    width: TREND_WIDTH,
    align: 'left',
    drop,
    onlyWith: 'history',
    sortValue: (row) => {
      const last = values(row).at(-1);
      return typeof last === 'number' ? last : null;
    },
    text: (row) => {
      const shown = values(row).slice(-TREND_WIDTH);
      return shown.length === 0 ? UNKNOWN : sparkline(shown, peak(shown), TREND_WIDTH);
    },
    tone: (row) => (values(row).length === 0 ? 'muted' : 'trend'),
  };
}

/** `queued/capacity`; a site's queue sums its instances, so no capacity is set against one instance's. */
export function queueOf(row: ColumnRow): { queued: number | null; capacity: number | null } {
  return {
    queued: numberField(row, 'queued'),
    capacity: (numberField(row, 'instances') ?? 1) > 1 ? null : numberField(row, 'capacity'),
  };
}

const QUEUE_COLUMN: ColumnDef = {
  key: 'queued',
  header: 'Queue',
  width: 16,
  align: 'left',
  drop: 1,
  sortValue: (row) => {
    const queued = numberField(row, 'queued');
    const capacity = numberField(row, 'capacity');
    // The fill ratio where there is a capacity, so that "full" sorts first whatever the size.
    return queued === null ? null : capacity ? queued / capacity : queued;
  },
  text: (row) => {
    const { queued, capacity } = queueOf(row);
    if (queued === null) return UNKNOWN;
    return capacity === null || capacity <= 0
      ? formatCount(queued)
      : `${formatCount(queued)}/${formatCount(capacity)}`;
  },
  tone: (row) => {
    const { queued, capacity } = queueOf(row);
    if (queued === null) return 'muted';
    if (capacity === null || capacity <= 0) return undefined;
    return queued >= capacity ? 'fill-full' : queued >= capacity / 2 ? 'fill-half' : undefined;
  },
};

const CHANNEL_COLUMNS: ColumnDef[] = [
  labelColumn('Channel'),
  LINTS_COLUMN,
  THREAD_COLUMN,
  textColumn('type', 'Type', 14, 3),
  stateColumn(),
  countColumn('sent', 'Sent', 8, 0),
  countColumn('received', 'Recv', 8, 0),
  QUEUE_COLUMN,
  numberColumn('queuedBytes', 'Mem', 8, 6, formatBytes),
  rateColumn(2),
  trendColumn('queued', 'Queue trend', 8),
  durationColumn('p50', 'p50', (row) => nestedNumber(row, 'delay', 'p50Ms'), 4),
  durationColumn('p95', 'p95', (row) => nestedNumber(row, 'delay', 'p95Ms'), 3),
  durationColumn('p99', 'p99', (row) => nestedNumber(row, 'delay', 'p99Ms'), 5),
  countColumn('dropped', 'Dropped', 8, 4, 'dropped'),
  textColumn('kind', 'Kind', 12, 7),
];

const STREAM_COLUMNS: ColumnDef[] = [
  labelColumn('Stream'),
  LINTS_COLUMN,
  THREAD_COLUMN,
  textColumn('kind', 'Kind', 14, 3),
  stateColumn(),
  countColumn('yielded', 'Yielded', 9, 0),
  rateColumn(1),
  trendColumn('yieldedPerSecond', 'Rate trend', 6),
  numberColumn('itemsPerSecond', 'Avg rate', 9, 4, formatRate),
  durationColumn('firstItemMs', '1st item', (row) => numberField(row, 'firstItemMs'), 5),
  durationColumn('consumerWaitMs', 'Cons wait', (row) => numberField(row, 'consumerWaitMs'), 2),
  {
    ...durationColumn('producerWaitMs', 'Prod wait', (row) => numberField(row, 'producerWaitMs'), 2),
    // No stream kind measures it yet: the column waits for a row that has a value.
    onlyWithValue: true,
  },
];

/** HTTP rows (from `hotpath run`): responses with a 4xx or 5xx status; null for other futures. */
function httpErrors(row: ColumnRow): number | null {
  const client = nestedNumber(row, 'statusClasses', '4xx');
  const server = nestedNumber(row, 'statusClasses', '5xx');
  return client === null || server === null ? null : client + server;
}

const FUTURE_COLUMNS: ColumnDef[] = [
  labelColumn('Future'),
  LINTS_COLUMN,
  THREAD_COLUMN,
  countColumn('calls', 'Calls', 8, 0),
  countColumn('polls', 'Polls', 8, 2, 'polls'),
  alertColumn('pending', 'Pending', 8, 0, 'pending'),
  countColumn('resolved', 'Resolved', 8, 1),
  alertColumn('rejected', 'Rejected', 8, 1, 'error'),
  countColumn('cancelled', 'Cancel', 7, 3),
  {
    ...countColumn('statusClasses', 'HTTP err', 8, 2, 'statusClasses'),
    sortValue: httpErrors,
    text: (row) => formatCount(httpErrors(row)),
    tone: (row) => {
      const errors = httpErrors(row);
      return errors === null ? 'muted' : errors > 0 ? 'error' : 'muted';
    },
  },
  countColumn('untracked', 'Untracked', 9, 4, 'untracked'),
  rateColumn(2),
  durationColumn('p50', 'p50', (row) => nestedNumber(row, 'duration', 'p50Ms'), 3),
  durationColumn('p95', 'p95', (row) => nestedNumber(row, 'duration', 'p95Ms'), 3),
  durationColumn('max', 'max', (row) => nestedNumber(row, 'duration', 'maxMs'), 4),
  durationColumn(
    'longestPendingMs',
    'Longest',
    (row) => numberField(row, 'longestPendingMs'),
    4,
    'longestPendingMs',
  ),
];

/** hotpath-rs's timing table: durations come from a sample of the calls (see docs/functions.md). */
const FUNCTION_COLUMNS: ColumnDef[] = [
  labelColumn('Function'),
  countColumn('calls', 'Calls', 9, 0),
  alertColumn('errors', 'Errors', 7, 2, 'error'),
  rateColumn(3),
  durationColumn('meanMs', 'Mean', (row) => numberField(row, 'meanMs'), 4),
  durationColumn('p50Ms', 'p50', (row) => numberField(row, 'p50Ms'), 3),
  durationColumn('p95Ms', 'p95', (row) => numberField(row, 'p95Ms'), 2),
  durationColumn('p99Ms', 'p99', (row) => numberField(row, 'p99Ms'), 4),
  durationColumn('maxMs', 'Max', (row) => numberField(row, 'maxMs'), 5),
  durationColumn('totalMs', 'Total', (row) => numberField(row, 'totalMs'), 1),
  numberColumn('percentOfWall', '% Total', 8, 1, (value) =>
    typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)}%` : UNKNOWN,
  ),
];

/** Values the program reports: the latest (as text for a `val`), its extremes, how often it moved. */
const GAUGE_COLUMNS: ColumnDef[] = [
  labelColumn('Gauge'),
  textColumn('kind', 'Kind', 6, 3),
  {
    key: 'value',
    header: 'Value',
    width: 16,
    align: 'right',
    drop: 0,
    sortValue: (row) => numberField(row, 'value') ?? textField(row, 'message'),
    text: (row) => textField(row, 'message') ?? UNKNOWN,
    tone: (row) => (textField(row, 'message') === null ? 'muted' : undefined),
  },
  numberColumn('min', 'Min', 10, 2, formatPlain),
  numberColumn('max', 'Max', 10, 2, formatPlain),
  countColumn('updates', 'Updates', 9, 1),
  rateColumn(4),
];

export const COLUMNS: Readonly<Record<RowTab, readonly ColumnDef[]>> = {
  channels: CHANNEL_COLUMNS,
  streams: STREAM_COLUMNS,
  futures: FUTURE_COLUMNS,
  functions: FUNCTION_COLUMNS,
  gauges: GAUGE_COLUMNS,
};

/** The columns a tab offers for these rows (optional ones only when some row has their field). */
export function availableColumns(tab: RowTab, rows: readonly ColumnRow[]): ColumnDef[] {
  return COLUMNS[tab].filter(
    (column) =>
      (column.onlyWith === undefined || rows.some((row) => field(row, column.onlyWith!) !== undefined)) &&
      (column.onlyWithValue !== true || rows.some((row) => field(row, column.key) != null)),
  );
}

/** Compares sort values: unknowns last whatever the direction. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

const PROGRESS: Record<RowTab, string> = {
  channels: 'sent',
  streams: 'yielded',
  futures: 'calls',
  functions: 'calls',
  gauges: 'updates',
};

/** The count a tab's rate is computed from. */
export function progressCount(tab: RowTab, row: ColumnRow): number | null {
  return numberField(row, PROGRESS[tab]);
}
