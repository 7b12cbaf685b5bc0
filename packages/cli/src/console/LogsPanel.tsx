import { historyList, peak, sparkline } from 'hotpath/text';
import { Box, Text } from 'ink';
import { stateColor } from './columns.js';
import type { Detail } from './details.js';
import { fit, formatPlain, formatRate } from './format.js';

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
  /** The row's `history`, drawn as sparklines above the entries when it has one. */
  history?: unknown;
}

/** Sparklines of a row's history: the queue and the rate for a channel, the rate for the others. */
export function historyLines(history: unknown, width: number): string[] {
  const lines: string[] = [];
  const spark = Math.max(8, width - 20);
  const line = (name: string, list: string, format: (value: unknown) => string) => {
    const values = historyList(history, list);
    if (values.length === 0) return;
    lines.push(
      `${fit(name, 8)}${sparkline(values, peak(values.slice(-spark)), spark)} ${format(values.at(-1))}`,
    );
  };
  line('queue', 'queued', (value) => formatPlain(value));
  line('sent', 'sentPerSecond', formatRate);
  line('recv', 'receivedPerSecond', formatRate);
  line('rate', 'yieldedPerSecond', formatRate);
  line('calls', 'callsPerSecond', formatRate);
  line('pending', 'pending', (value) => formatPlain(value));
  return lines;
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
  history,
}: LogsPanelProps) {
  const inner = Math.max(10, width - 4);
  const entries = detail?.entries ?? [];
  const trends = historyLines(history, inner);
  // `height` counts entries only: the caller leaves room for the trend lines.
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
      {trends.map((line) => (
        <Text key={line.slice(0, 8)} color="cyan" wrap="truncate">
          {line}
        </Text>
      ))}
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
