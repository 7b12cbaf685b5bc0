import { formatAgo } from '../../src/text/numbers.js';
import type { FeedState } from './feed.js';

/** After this long without a snapshot the page says "Stale", even before the connection says so. */
export const STALE_AFTER_MS = 5000;

export interface StatusWords {
  symbol: string;
  word: 'Live' | 'Stale' | 'Connecting' | 'Paused';
  detail: string;
}

/** The status bar's words, as the console's status line says them. */
export function statusWords(
  feed: FeedState,
  paused: boolean,
  shownAt: number | null,
  now: number,
): StatusWords {
  const where = location.host;
  const age = shownAt === null ? '' : ` (updated ${formatAgo(now - shownAt)})`;
  if (paused) return { symbol: '⏸', word: 'Paused', detail: age };
  if (feed.phase === 'connecting' || feed.snapshot === null) {
    return {
      symbol: '⋯',
      word: 'Connecting',
      detail: feed.problem === null ? ` to ${where}…` : ` — ${feed.problem}`,
    };
  }
  const quiet = feed.receivedAt !== null && now - feed.receivedAt > STALE_AFTER_MS;
  if (feed.phase === 'stale' || quiet) {
    return { symbol: '⚠', word: 'Stale', detail: `${age} — ${feed.problem ?? `no update from ${where}`}` };
  }
  return { symbol: '✓', word: 'Live', detail: age };
}
