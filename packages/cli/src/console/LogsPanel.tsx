import { Box, Text } from 'ink';
import { stateColor } from './columns.js';
import type { Detail } from './details.js';
import { fit } from './format.js';

export interface LogsPanelProps {
  title: string;
  detail: Detail | null;
  /** Shown instead of entries: "(loading…)", "(refresh paused)", an error. */
  placeholder: string | null;
  selected: number;
  top: number;
  height: number;
  width: number;
  focused: boolean;
}

/** The selected item's recent log entries or calls, newest first. */
export function LogsPanel({
  title,
  detail,
  placeholder,
  selected,
  top,
  height,
  width,
  focused,
}: LogsPanelProps) {
  const inner = Math.max(10, width - 4);
  const entries = detail?.entries ?? [];
  const visible = entries.slice(top, top + Math.max(0, height));
  const lastWidth = (widths: number[]) => Math.max(4, inner - widths.reduce((sum, w) => sum + w + 1, 0));
  return (
    <Box
      flexDirection="column"
      borderStyle={focused ? 'bold' : 'single'}
      borderColor={focused ? 'cyan' : 'gray'}
      width={width}
      paddingX={1}
    >
      <Text bold wrap="truncate">
        {fit(
          `${title}${entries.length > 0 ? ` [${Math.min(selected + 1, entries.length)}/${entries.length}]` : ''}`,
          inner,
        )}
      </Text>
      {detail === null || placeholder !== null ? (
        <Text dimColor wrap="truncate">
          {placeholder ?? '(loading…)'}
        </Text>
      ) : (
        <>
          <Text bold wrap="truncate">
            {detail.headers
              .map((header, i) => fit(header, detail.widths[i] ?? lastWidth(detail.widths)))
              .join(' ')}
          </Text>
          {entries.length === 0 ? (
            <Text dimColor>(no entries yet)</Text>
          ) : (
            visible.map((entry, i) => (
              <Text
                key={entry.key || String(top + i)}
                wrap="truncate"
                inverse={top + i === selected && focused}
              >
                {entry.cells.map((cell, c) => {
                  const w = detail.widths[c] ?? lastWidth(detail.widths);
                  const color = c === 1 && entry.state !== undefined ? stateColor(entry.state) : undefined;
                  return (
                    <Text
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells never reorder
                      key={c}
                      {...(color === undefined ? {} : { color })}
                      dimColor={cell === '-'}
                    >
                      {fit(cell, w)}
                      {c < entry.cells.length - 1 ? ' ' : ''}
                    </Text>
                  );
                })}
              </Text>
            ))
          )}
          {detail.hint === null ? null : (
            <Text dimColor wrap="truncate">
              ({detail.hint})
            </Text>
          )}
        </>
      )}
    </Box>
  );
}
