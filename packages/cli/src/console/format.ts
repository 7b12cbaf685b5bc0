/** How numbers read in the console: short, fixed-width friendly, and "-" for anything unknown. */

import { clipWidth, fitWidth } from 'hotpath/text';

export {
  formatAgo,
  formatBytes,
  formatCount,
  formatDurationMs,
  formatPlain,
  formatRate,
  isNumber,
  UNKNOWN,
} from 'hotpath/text';

/**
 * Exactly `width` terminal columns: control characters escaped (an escape sequence in a label shows as
 * `\x1b[…` instead of acting), wide characters counted as two, cut with `…` — labels lose their start
 * (the end of a path says more), the rest their end.
 */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', cutStart = false): string {
  return fitWidth(text, width, align, cutStart);
}

/** Free text (a status, an error message) escaped and cut to `width` columns. */
export function clip(text: string, width: number): string {
  return clipWidth(text, width);
}
