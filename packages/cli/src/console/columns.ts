/**
 * The columns of each tab: header, width, how a cell reads and what it sorts by. The hotpath-rs columns
 * come first; then what it lacks (queue fill bar, delay percentiles, rates). Columns for fields that not
 * every hotpath version sends (`dropped`, `polls`, …) appear only when some row carries them.
 */
import {
  fit,
  formatBytes,
  formatCount,
  formatDurationMs,
  formatPlain,
  formatRate,
  UNKNOWN,
} from './format.js';
import {
  type AnyRow,
  displayLabel,
  field,
  nestedNumber,
  numberField,
  type TabId,
  textField,
} from './rows.js';
import { historyList, peak, sparkline } from './sparkline.js';

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

export type SortValue = number | string | null;

export interface Column {
  key: string;
  header: string;
  /** Columns wide; 0 for the label column, which takes what is left. */
  width: number;
  align: 'left' | 'right';
  /** Narrow terminals drop the columns with the highest number first. */
  drop: number;
  /** Shown only when some row has this field (not undefined). */
  onlyWith?: string;
  /** Shown only when some row has a value (not null) in the field named by `key`. */
  onlyWithValue?: boolean;
  sortValue(row: AnyRow, context: CellContext): SortValue;
  cell(row: AnyRow, context: CellContext, width: number): Segment[];
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

function plain(text: string, width: number, align: 'left' | 'right'): Segment[] {
  return [{ text: fit(text, width, align), ...(text === UNKNOWN ? { dim: true } : {}) }];
}

function labelColumn(header: string): Column {
  return {
    key: 'label',
    header,
    width: 0,
    align: 'left',
    drop: 0,
    sortValue: (row) => displayLabel(row).toLowerCase(),
    cell: (row, _context, width) => [
      { text: fit(displayLabel(row), width, 'left', true), ...(row.hasCustomLabel ? { bold: true } : {}) },
    ],
  };
}

function textColumn(key: string, header: string, width: number, drop: number): Column {
  return {
    key,
    header,
    width,
    align: 'left',
    drop,
    sortValue: (row) => textField(row, key),
    cell: (row, _context, w) => plain(formatPlain(field(row, key)), w, 'left'),
  };
}

function stateColumn(drop = 0): Column {
  return {
    key: 'state',
    header: 'State',
    width: 9,
    align: 'left',
    drop,
    sortValue: (row) => textField(row, 'state'),
    cell: (row, _context, width) => {
      const state = textField(row, 'state') ?? UNKNOWN;
      const color = stateColor(state);
      const text = siteStateWord(row) ?? (state === 'full' ? '⚠ full' : state);
      return [{ text: fit(text, width), ...(color ? { color } : { dim: true }) }];
    },
  };
}

/**
 * A site row's state in a narrow cell: `⚠ 2 full`, `3 active`, else its one state; the whole count
 * (`3 active · 554 closed`) is in the status line and the instance view. Null for a row of one instance.
 */
function siteStateWord(row: AnyRow): string | null {
  const states = field(row, 'states');
  if ((numberField(row, 'instances') ?? 1) <= 1 || states === null || typeof states !== 'object') return null;
  const count = (name: string) => {
    const n = (states as Record<string, unknown>)[name];
    return typeof n === 'number' ? n : 0;
  };
  if (count('full') > 0) return `⚠ ${count('full')} full`;
  if (count('active') > 0) return `${count('active')} active`;
  return null;
}

/** A right-aligned numeric field of the row, sorted by its value and shown through `format`. */
function numberColumn(
  key: string,
  header: string,
  width: number,
  drop: number,
  format: (value: unknown) => string,
  onlyWith?: string,
): Column {
  return {
    key,
    header,
    width,
    align: 'right',
    drop,
    ...(onlyWith === undefined ? {} : { onlyWith }),
    sortValue: (row) => numberField(row, key),
    cell: (row, _context, w) => plain(format(field(row, key)), w, 'right'),
  };
}

function countColumn(key: string, header: string, width: number, drop: number, onlyWith?: string): Column {
  return numberColumn(key, header, width, drop, formatCount, onlyWith);
}

function durationColumn(
  key: string,
  header: string,
  read: (row: AnyRow) => number | null,
  drop: number,
  onlyWith?: string,
): Column {
  return {
    key,
    header,
    width: Math.max(8, header.length),
    align: 'right',
    drop,
    ...(onlyWith === undefined ? {} : { onlyWith }),
    sortValue: read,
    cell: (row, _context, width) => plain(formatDurationMs(read(row)), width, 'right'),
  };
}

function rateColumn(drop: number): Column {
  return {
    key: 'rate',
    header: 'Rate',
    width: 8,
    align: 'right',
    drop,
    sortValue: (row, context) => context.rates.get(row.id) ?? null,
    cell: (row, context, width) => plain(formatRate(context.rates.get(row.id)), width, 'right'),
  };
}

/**
 * `⚠` on a row that raises a lint (the console marks rows with the snapshot's `lints`, in a field of
 * that name); shown only while some row has one. `w` lists them.
 */
const LINTS_COLUMN: Column = {
  key: 'lints',
  header: '⚠',
  width: 2,
  align: 'left',
  drop: 0,
  onlyWith: 'lints',
  sortValue: (row) => {
    const lints = field(row, 'lints');
    return Array.isArray(lints) ? lints.length : 0;
  },
  cell: (row, _context, width) => {
    const lints = field(row, 'lints');
    return Array.isArray(lints) && lints.length > 0
      ? [{ text: fit('⚠', width), color: 'yellow', bold: true }]
      : [{ text: fit('', width) }];
  },
};

/** The last samples of a row's history (`queued` for channels, the rate or pending for the others). */
function trendColumn(list: string, header: string, drop: number): Column {
  return {
    key: 'trend',
    header,
    width: 12,
    align: 'left',
    drop,
    onlyWith: 'history',
    sortValue: (row) => {
      const values = historyList(field(row, 'history'), list);
      const last = values.at(-1);
      return typeof last === 'number' ? last : null;
    },
    cell: (row, _context, width) => {
      const values = historyList(field(row, 'history'), list);
      if (values.length === 0) return [{ text: fit(UNKNOWN, width), dim: true }];
      return [{ text: fit(sparkline(values, peak(values.slice(-width)), width), width), color: 'cyan' }];
    },
  };
}

const BAR_WIDTH = 6;

/** `queued/capacity` behind a bar: green below half, yellow from half, red when full. */
export function queueCell(queued: number | null, capacity: number | null, width: number): Segment[] {
  if (queued === null) return plain(UNKNOWN, width, 'left');
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
 * Which thread a row came from: shown only once some row carries a `threadId` (a worker's); rows of the
 * main thread read `main` and sort first.
 */
const THREAD_COLUMN: Column = {
  key: 'threadId',
  header: 'Thread',
  width: 6,
  align: 'right',
  drop: 2,
  onlyWith: 'threadId',
  sortValue: (row) => numberField(row, 'threadId') ?? 0,
  cell: (row, _context, width) => {
    const id = numberField(row, 'threadId');
    return id === null
      ? [{ text: fit('main', width, 'right'), dim: true }]
      : plain(String(id), width, 'right');
  },
};

const CHANNEL_COLUMNS: Column[] = [
  labelColumn('Channel'),
  LINTS_COLUMN,
  THREAD_COLUMN,
  textColumn('type', 'Type', 14, 3),
  stateColumn(),
  countColumn('sent', 'Sent', 8, 0),
  countColumn('received', 'Recv', 8, 0),
  {
    key: 'queued',
    header: 'Queue',
    width: 16,
    align: 'left',
    drop: 1,
    sortValue: (row) => {
      const queued = numberField(row, 'queued');
      const capacity = numberField(row, 'capacity');
      // Fill ratio where there is a capacity, so that "full" sorts first whatever the size.
      return queued === null ? null : capacity ? queued / capacity : queued;
    },
    // A site's queue sums its instances; a bar against one instance's capacity would mislead.
    cell: (row, _context, width) =>
      queueCell(
        numberField(row, 'queued'),
        (numberField(row, 'instances') ?? 1) > 1 ? null : numberField(row, 'capacity'),
        width,
      ),
  },
  numberColumn('queuedBytes', 'Mem', 8, 6, formatBytes),
  rateColumn(2),
  trendColumn('queued', 'Queue trend', 8),
  durationColumn('p50', 'p50', (row) => nestedNumber(row, 'delay', 'p50Ms'), 4),
  durationColumn('p95', 'p95', (row) => nestedNumber(row, 'delay', 'p95Ms'), 3),
  durationColumn('p99', 'p99', (row) => nestedNumber(row, 'delay', 'p99Ms'), 5),
  countColumn('dropped', 'Dropped', 8, 4, 'dropped'),
  textColumn('kind', 'Kind', 12, 7),
];

const STREAM_COLUMNS: Column[] = [
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

const FUTURE_COLUMNS: Column[] = [
  labelColumn('Future'),
  LINTS_COLUMN,
  THREAD_COLUMN,
  countColumn('calls', 'Calls', 8, 0),
  countColumn('polls', 'Polls', 8, 2, 'polls'),
  {
    ...countColumn('pending', 'Pending', 8, 0),
    cell: (row, _context, width) => {
      const pending = numberField(row, 'pending');
      return [
        { text: fit(formatCount(pending), width, 'right'), ...(pending ? { color: 'cyan' } : { dim: true }) },
      ];
    },
  },
  countColumn('resolved', 'Resolved', 8, 1),
  {
    ...countColumn('rejected', 'Rejected', 8, 1),
    cell: (row, _context, width) => {
      const rejected = numberField(row, 'rejected');
      return [
        {
          text: fit(formatCount(rejected), width, 'right'),
          ...(rejected ? { color: 'red' } : { dim: true }),
        },
      ];
    },
  },
  countColumn('cancelled', 'Cancel', 7, 3),
  {
    // HTTP rows (from `hotpath run`): responses with a 4xx or 5xx status.
    ...countColumn('statusClasses', 'HTTP err', 8, 2, 'statusClasses'),
    sortValue: (row) => httpErrors(row),
    cell: (row, _context, width) => {
      const errors = httpErrors(row);
      if (errors === null) return plain(UNKNOWN, width, 'right');
      return [
        { text: fit(formatCount(errors), width, 'right'), ...(errors ? { color: 'red' } : { dim: true }) },
      ];
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

function httpErrors(row: AnyRow): number | null {
  const client = nestedNumber(row, 'statusClasses', '4xx');
  const server = nestedNumber(row, 'statusClasses', '5xx');
  return client === null || server === null ? null : client + server;
}

/** Tab 5, hotpath-rs's timing table: durations come from a sample of the calls (see docs/functions.md). */
const FUNCTION_COLUMNS: Column[] = [
  labelColumn('Function'),
  countColumn('calls', 'Calls', 9, 0),
  countColumn('errors', 'Errors', 7, 2),
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

/** Tab 6, values the program reports: the latest (as text for a `val`), its extremes, how often it moved. */
const GAUGE_COLUMNS: Column[] = [
  labelColumn('Gauge'),
  textColumn('kind', 'Kind', 6, 3),
  {
    key: 'value',
    header: 'Value',
    width: 16,
    align: 'right',
    drop: 0,
    sortValue: (row) => numberField(row, 'value') ?? textField(row, 'message'),
    cell: (row, _context, width) => plain(textField(row, 'message') ?? UNKNOWN, width, 'right'),
  },
  numberColumn('min', 'Min', 10, 2, formatPlain),
  numberColumn('max', 'Max', 10, 2, formatPlain),
  countColumn('updates', 'Updates', 9, 1),
  rateColumn(4),
];

export const COLUMNS: Record<TabId, Column[]> = {
  channels: CHANNEL_COLUMNS,
  streams: STREAM_COLUMNS,
  futures: FUTURE_COLUMNS,
  functions: FUNCTION_COLUMNS,
  gauges: GAUGE_COLUMNS,
};

/** The columns a tab offers for these rows (optional ones only when some row has their field). */
export function availableColumns(tab: TabId, rows: readonly AnyRow[]): Column[] {
  return COLUMNS[tab].filter(
    (column) =>
      (column.onlyWith === undefined || rows.some((row) => field(row, column.onlyWith!) !== undefined)) &&
      (column.onlyWithValue !== true || rows.some((row) => field(row, column.key) != null)),
  );
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

/** Compares sort values: unknowns last whatever the direction. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
