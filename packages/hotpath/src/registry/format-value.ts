import { inspect } from 'node:util';
import type { LogOption } from '../types.js';
import { recordFault } from './faults.js';

/** Longest message kept for one value, in UTF-16 code units. */
export const MAX_MESSAGE_LENGTH = 1536;

const INSPECT_OPTIONS = {
  depth: 3,
  maxArrayLength: 32,
  maxStringLength: MAX_MESSAGE_LENGTH,
  breakLength: Number.POSITIVE_INFINITY,
  compact: 3,
  getters: false,
} as const;

/**
 * The text shown for one logged value. A formatter or an inspection that throws is counted as a fault
 * and the entry says so; the program never sees the error.
 */
export function formatValue(value: unknown, log: LogOption): string {
  let text: string;
  try {
    text = typeof log === 'function' ? String(log(value)) : inspect(value, INSPECT_OPTIONS);
  } catch (error) {
    recordFault(error);
    text = `<could not format value: ${describeError(error)}>`;
  }
  return truncate(text, MAX_MESSAGE_LENGTH);
}

/** Cuts `text` to at most `max` code units without splitting a surrogate pair, marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

function describeError(error: unknown): string {
  try {
    return truncate(error instanceof Error ? error.message : String(error), 200);
  } catch {
    return 'unprintable error';
  }
}
