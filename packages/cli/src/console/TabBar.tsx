import { escapeControl } from 'hotpath/text';
import { Box, Text } from 'ink';
import type { TabId } from './rows.js';
import { TAB_KEYS } from './state.js';

const TITLES: Record<TabId, string> = {
  channels: 'Channels',
  streams: 'Streams',
  futures: 'Futures',
  functions: 'Functions',
  gauges: 'Gauges',
};

export interface TabBarProps {
  tab: TabId;
  counts: Record<TabId, number | null>;
  title: string;
  width: number;
}

/** `[1] Channels (12) | [2] Streams (3) | [3] Futures (5)`, the active tab marked and yellow. */
export function TabBar({ tab, counts, title, width }: TabBarProps) {
  const tabs = Object.entries(TAB_KEYS).map(([key, id]) => {
    const count = counts[id];
    return { id, label: `[${key}] ${TITLES[id]}${count === null ? '' : ` (${count})`}` };
  });
  // The title gives way to the tabs on a narrow screen.
  const showTitle = tabs.map((t) => t.label).join(' | ').length + title.length + 4 <= width;
  return (
    <Box justifyContent="space-between">
      <Text wrap="truncate">
        {tabs.map(({ id, label }, i) => (
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
        ))}
      </Text>
      {showTitle ? <Text dimColor>{escapeControl(title)} </Text> : null}
    </Box>
  );
}
