/** Histories drawn as block characters, in the console's table and panel and the dashboard's table. */
import { isNumber } from './numbers.js';

const BARS = '▁▂▃▄▅▆▇█';

/** Values from 0 to `max` as block characters, the newest at the right, `width` at most. */
export function sparkline(values: readonly unknown[], max: number, width: number): string {
  const shown = values.slice(-width);
  const top = max > 0 ? max : 1;
  return shown
    .map((value) => {
      if (!isNumber(value)) return ' ';
      const level = Math.round((Math.min(Math.max(value, 0), top) / top) * (BARS.length - 1));
      return BARS[level]!;
    })
    .join('');
}

/** The numbers of a history list as sent (anything else reads as unknown). */
export function historyList(history: unknown, name: string): unknown[] {
  if (history === null || typeof history !== 'object') return [];
  const list = (history as Record<string, unknown>)[name];
  return Array.isArray(list) ? list : [];
}

/** The largest known number of a list, at least `floor`. */
export function peak(values: readonly unknown[], floor = 1): number {
  let max = floor;
  for (const value of values) if (isNumber(value) && value > max) max = value;
  return max;
}
