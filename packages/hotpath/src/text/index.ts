/**
 * `hotpath/text`: how hotpath writes the program's strings to a terminal, how numbers read, the columns of
 * each row tab, and how its event feed is parsed; shared with the console and the web dashboard.
 */

export {
  availableColumns,
  COLUMNS,
  type ColumnDef,
  type ColumnRow,
  compareSortValues,
  displayLabel,
  progressCount,
  queueOf,
  type RowRates,
  type RowTab,
  type SortValue,
  type Tone,
} from './columns.js';
export { type LintLine, markLintedRows, tabOfLint, usableLints } from './lint-rows.js';
export {
  formatAgo,
  formatBytes,
  formatCount,
  formatDurationMs,
  formatPlain,
  formatRate,
  isNumber,
  UNKNOWN,
} from './numbers.js';
export { field, nestedNumber, numberField, textField } from './row-fields.js';
export { siteStateSummary } from './site-state.js';
export { historyList, peak, sparkline } from './sparkline.js';
export { SseParser } from './sse-parser.js';
export { clipWidth, displayWidth, escapeControl, fitWidth, wrapWidth } from './terminal-text.js';
