import { escapeControl } from 'hotpath/text';
import { Box, Text } from 'ink';
import type { TabId } from './rows.js';
import { RUNTIME_KEY, TAB_KEYS } from './state.js';

const TITLES: Record<TabId, string> = {
  channels: 'Channels',
  streams: 'Streams',
  futures: 'Futures',
  functions: 'Functions',
  gauges: 'Gauges',
};

export interface TabBarProps {
  tab: TabId;
  /** The runtime page (tab 4, between the row tabs 1–3 and 5–6) is showing. */
  runtime?: boolean;
  counts: Record<TabId, number | null>;
  title: string;
  width: number;
}

/** `[1] Channels (12) | [2] Streams (3) | [3] Futures (5)`, the active tab marked and yellow. */
export function TabBar({ tab, runtime = false, counts, title, width }: TabBarProps) {
  const tabs = Object.entries(TAB_KEYS).map(([key, id]) => {
    const count = counts[id];
    return {
      key,
      id: id as string,
      active: id === tab && !runtime,
      label: `[${key}] ${TITLES[id]}${count === null ? '' : ` (${count})`}`,
    };
  });
  tabs.push({ key: RUNTIME_KEY, id: 'runtime', active: runtime, label: `[${RUNTIME_KEY}] Runtime` });
  tabs.sort((a, b) => a.key.localeCompare(b.key));
  // On a narrow screen the title gives way to the tabs, then the separators shrink to a space.
  const labels = tabs.map((t) => t.label);
  const showTitle = labels.join(' | ').length + title.length + 4 <= width;
  const separator = labels.join(' | ').length + 2 <= width ? ' | ' : ' ';
  return (
    <Box justifyContent="space-between">
      <Text wrap="truncate">
        {tabs.map(({ id, active, label }, i) => (
          <Text key={id}>
            {i > 0 ? <Text dimColor>{separator}</Text> : ' '}
            {active ? (
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
