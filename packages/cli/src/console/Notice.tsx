import { escapeControl } from 'hotpath/text';
import { Box, Text } from 'ink';

/** A centred message in the main area: empty lists, connection trouble. */
export function Notice({ title, lines, color }: { title: string; lines: string[]; color?: string }) {
  return (
    <Box flexDirection="column" alignItems="center" justifyContent="center" flexGrow={1}>
      <Text bold {...(color === undefined ? {} : { color })}>
        {escapeControl(title)}
      </Text>
      {lines.map((line) => (
        <Text key={line} dimColor>
          {escapeControl(line)}
        </Text>
      ))}
    </Box>
  );
}
