import { escapeControl } from 'hotpath/text';
import { Box, Text } from 'ink';
import type { FeedState } from '../client/feed.js';
import type { ReplayPosition } from '../replay/source.js';
import { formatAgo } from './format.js';

export interface StatusProps {
  feed: FeedState;
  paused: boolean;
  /** `Date.now()` of the shown data (frozen while paused). */
  shownAt: number | null;
  now: number;
  address: string;
  /** Right-hand facts: position, sort, filter, … */
  facts: string;
  /** When the feed is quiet for longer than this, it is called stale even before the socket says so. */
  staleAfterMs: number;
  /** Set when the console plays a recording (`address` is then its path). */
  replay?: ReplayPosition;
}

/** What `status` says, in words; tests and the e2e run read this exact text. */
export function statusWords(props: StatusProps): {
  symbol: string;
  word: string;
  color: string;
  detail: string;
} {
  const { feed, paused, shownAt, now, address } = props;
  if (props.replay !== undefined) return replayWords(props.replay, address);
  const age = shownAt === null ? '' : ` (updated ${formatAgo(now - shownAt)})`;
  if (paused) return { symbol: '⏸', word: 'Paused', color: 'yellow', detail: age };
  if (feed.phase === 'connecting' || feed.snapshot === null) {
    return {
      symbol: '⋯',
      word: 'Connecting',
      color: feed.problem === null ? 'cyan' : 'red',
      detail: feed.problem === null ? ` to ${address}…` : ` — ${feed.problem}`,
    };
  }
  const quiet = feed.receivedAt !== null && now - feed.receivedAt > props.staleAfterMs;
  if (feed.phase === 'stale' || quiet) {
    const why = feed.problem ?? `no update from ${address}`;
    return { symbol: '⚠', word: 'Stale', color: 'yellow', detail: `${age} — ${why}` };
  }
  const how = feed.transport === 'polling' ? ', polling' : '';
  return { symbol: '✓', word: 'Live', color: 'green', detail: `${age.slice(0, -1)}${how})` };
}

/** `REPLAY run.hotpath.gz 12.3s / 60.0s · 2× · paused`. */
function replayWords(replay: ReplayPosition, path: string) {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const speed = replay.speed >= 1 ? `${replay.speed}×` : `1/${Math.round(1 / replay.speed)}×`;
  const state = replay.playing ? '' : replay.frame === replay.frames - 1 ? ' · end' : ' · paused';
  return {
    symbol: replay.playing ? '▶' : '⏸',
    word: 'REPLAY',
    color: 'magenta',
    detail: ` ${path} ${seconds(replay.timeMs)} / ${seconds(replay.durationMs)} · ${speed}${state}`,
  };
}

export function StatusLine(props: StatusProps) {
  const words = statusWords(props);
  return (
    <Box justifyContent="space-between">
      <Text wrap="truncate">
        {' '}
        <Text color={words.color} bold>
          {words.symbol} {words.word}
        </Text>
        <Text>{escapeControl(words.detail)}</Text>
      </Text>
      <Box flexShrink={0} marginLeft={1}>
        <Text dimColor>{escapeControl(props.facts)} </Text>
      </Box>
    </Box>
  );
}
