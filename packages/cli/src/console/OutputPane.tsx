/**
 * The program's own output under the table while `hotpath run` has the screen: its last lines, colours
 * and cursor movements taken out and other control characters shown escaped, so that nothing the program
 * prints can move or repaint the console. Every byte is written out as it was once the console closes.
 */
import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';

export interface OutputPaneSource {
  /** The last `count` lines (the line being written included). */
  tail(count: number): string[];
  /** One line on the pane's border: `running`, `exited with code 7 · any key closes`. */
  status(): string;
  /** Bumped on every change, so React knows when to draw. */
  revision(): number;
  subscribe(listener: () => void): () => void;
}

/** Escape sequences (CSI, OSC, two-character ones): dropped, they are the program's styling. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printableLine(line: string): string {
  return line
    .replace(ESCAPES, '')
    .replace(/\r$/, '')
    .replace(/\t/g, '  ')
    .replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function OutputPane({
  source,
  height,
  width,
}: {
  source: OutputPaneSource;
  height: number;
  width: number;
}) {
  useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => source.revision(),
  );
  const inner = Math.max(1, height - 2);
  const lines = source.tail(inner).map(printableLine);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor="gray">
      <Text wrap="truncate" bold>
        {` Program output · ${printableLine(source.status())}`}
      </Text>
      {lines.slice(Math.max(0, lines.length - (inner - 1))).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions on screen, not items
        <Text key={index} wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
