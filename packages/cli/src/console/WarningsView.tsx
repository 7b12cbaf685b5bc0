/** `w`: every warning (lint) the program raises now, one per line, newest condition last. */

import type { LintLine } from 'hotpath/text';
import { Box, Text } from 'ink';
import { clip, fit } from './format.js';

export function warningsLine(lints: readonly LintLine[]): string {
  const first = lints[0];
  if (first === undefined) return '';
  const count = lints.length === 1 ? '1 warning' : `${lints.length} warnings`;
  return `⚠ ${count}: ${first.message}${lints.length > 1 ? ' …' : ''} · w lists them`;
}

/** The one-line warning summary above the table (empty when nothing is raised). */
export function WarningsLine({ lints, width }: { lints: readonly LintLine[]; width: number }) {
  return (
    <Text color="yellow" wrap="truncate">
      {clip(warningsLine(lints), width)}
    </Text>
  );
}

export function WarningsView({
  lints,
  width,
  height,
}: {
  lints: readonly LintLine[];
  width: number;
  height: number;
}) {
  const rows = Math.max(1, height - 1);
  const shown = lints.slice(0, rows);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {fit(`Warnings (${lints.length}) — see docs/lints.md`, width)}
      </Text>
      {lints.length === 0 ? (
        <Text dimColor>Nothing to warn about: no lint is raised.</Text>
      ) : (
        shown.map((lint, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is redrawn whole each refresh
          <Text key={i} wrap="truncate">
            <Text color="yellow" bold>
              {'⚠ '}
            </Text>
            <Text color="cyan">{fit(lint.lint, 18)}</Text>
            <Text dimColor>
              {fit(lint.since === null ? '' : `since ${(lint.since / 1000).toFixed(1)}s`, 14)}
            </Text>
            {clip(lint.message, Math.max(10, width - 34))}
          </Text>
        ))
      )}
      {lints.length > shown.length ? <Text dimColor>… and {lints.length - shown.length} more</Text> : null}
    </Box>
  );
}
