import { Box, Text } from 'ink';
import type { TabId } from './rows.js';
import { TAB_KEYS } from './state.js';

const TITLES: Record<TabId, string> = { channels: 'Channels', streams: 'Streams', futures: 'Futures' };

/** `[1] Channels (12) | [2] Streams (3) | [3] Futures (5)`, the active tab marked and yellow. */
export function TabBar({
  tab,
  counts,
  title,
}: {
  tab: TabId;
  counts: Record<TabId, number | null>;
  title: string;
}) {
  return (
    <Box justifyContent="space-between">
      <Text wrap="truncate">
        {Object.entries(TAB_KEYS).map(([key, id], i) => {
          const count = counts[id];
          const label = `[${key}] ${TITLES[id]}${count === null ? '' : ` (${count})`}`;
          return (
            <Text key={id}>
              {i > 0 ? <Text dimColor> | </Text> : ' '}
              {id === tab ? (
                <Text color="yellow" bold>
                  {label}*
                </Text>
              ) : (
                <Text>{label}</Text>
              )}
            </Text>
          );
        })}
      </Text>
      <Text dimColor wrap="truncate">
        {title}{' '}
      </Text>
    </Box>
  );
}
