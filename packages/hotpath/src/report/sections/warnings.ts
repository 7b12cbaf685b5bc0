import type { Lint } from '../../types.js';
import { printable } from '../table.js';

/** Lints listed by name in the report; the rest are counted. */
const LINTS_SHOWN = 50;

/**
 * The report's "Warnings": one line per lint raised at the last sample, `[lint] message (since 3.20s)`.
 * Plain lines, like the runtime section, so that the `| … |` rows stay data-flow rows.
 */
export function warningsSection(lints: Lint[]): string {
  const lines = lints
    .slice(0, LINTS_SHOWN)
    .map(
      (lint) => `  ⚠ [${lint.lint}] ${printable(lint.message)} (since ${(lint.since / 1000).toFixed(2)}s)`,
    );
  if (lints.length > LINTS_SHOWN) lines.push(`  … and ${lints.length - LINTS_SHOWN} more`);
  return lines.join('\n');
}
