import { wrapWidth } from 'hotpath/text';
import { Box, Text } from 'ink';
import type { DetailEntry } from './details.js';
import { clip } from './format.js';

/** The full value of one log entry or call result, wrapped, in a double border. */
export function InspectPopup({
  entry,
  width,
  height,
}: {
  entry: DetailEntry;
  width: number;
  height: number;
}) {
  const inner = Math.max(10, width - 4);
  const lines = wrap(entry.value ?? '(no value: monitor it with { log: true })', inner);
  const room = Math.max(1, height - 3);
  const shown =
    lines.length > room ? [...lines.slice(0, room - 1), `… ${lines.length - room + 1} more lines`] : lines;
  return (
    <Box
      flexDirection="column"
      borderStyle="double"
      borderColor="cyan"
      width={width}
      height={height}
      paddingX={1}
    >
      <Text bold color="cyan" wrap="truncate">
        {clip(entry.title, inner)}
      </Text>
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped lines have no other identity
        <Text key={i} {...(entry.value === null ? { dimColor: true } : {})}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

/** Hard-wraps text at `width` columns, keeping its own line breaks; control characters show escaped. */
export function wrap(text: string, width: number): string[] {
  return wrapWidth(text, width);
}
