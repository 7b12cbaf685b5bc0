/**
 * `hotpath/text`: how hotpath writes the program's strings to a terminal, how numbers read, and how its
 * event feed is parsed; shared with the console and the web dashboard.
 */

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
export { SseParser } from './sse-parser.js';
export { clipWidth, displayWidth, escapeControl, fitWidth, wrapWidth } from './terminal-text.js';
