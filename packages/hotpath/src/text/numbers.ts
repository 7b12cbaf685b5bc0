/**
 * How numbers read in the console and the web dashboard: short, fixed-width friendly, and "-" for
 * anything unknown. No Node APIs here: the dashboard's bundle includes this module.
 */

export const UNKNOWN = '-';

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 1234 → "1234", 12345 → "12.3k", 1234567 → "1.23M": counts that fit a narrow column. */
export function formatCount(value: unknown): string {
  if (!isNumber(value)) return UNKNOWN;
  const n = Math.round(value);
  if (Math.abs(n) < 10_000) return String(n);
  if (Math.abs(n) < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  if (Math.abs(n) < 1_000_000_000) return `${(n / 1_000_000).toFixed(2)}M`;
  return `${(n / 1_000_000_000).toFixed(2)}G`;
}

export function formatDurationMs(value: unknown): string {
  if (!isNumber(value) || value < 0) return UNKNOWN;
  if (value < 0.001) return `${Math.round(value * 1e6)}ns`;
  if (value < 1) return `${(value * 1000).toFixed(1)}µs`;
  if (value < 1000) return `${value.toFixed(value < 100 ? 2 : 1)}ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(2)}s`;
  return `${(value / 60_000).toFixed(1)}m`;
}

/** Per second: "0", "3.5/s", "12k/s". */
export function formatRate(value: unknown): string {
  if (!isNumber(value)) return UNKNOWN;
  if (value === 0) return '0/s';
  if (value < 10) return `${value.toFixed(1)}/s`;
  return `${formatCount(value)}/s`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(value: unknown): string {
  if (!isNumber(value)) return UNKNOWN;
  let n = value;
  let unit = 0;
  while (n >= 1024 && unit < BYTE_UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${n.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** How long ago, from a difference in milliseconds: "now", "4s ago", "3m ago", "2h ago". */
export function formatAgo(ms: unknown): string {
  if (!isNumber(ms)) return UNKNOWN;
  if (ms < 1000) return 'now';
  if (ms < 60_000) return `${Math.floor(ms / 1000)}s ago`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m ago`;
  return `${Math.floor(ms / 3_600_000)}h ago`;
}

/** Any cell value as text: strings as they are, numbers as counts, the rest "-". */
export function formatPlain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNumber(value)) return formatCount(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return UNKNOWN;
}
