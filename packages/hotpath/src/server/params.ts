import { BadRequest, clip } from './request-target.js';

/** How many rows of each kind a response carries unless `limit` says otherwise. */
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 100_000;
export const DEFAULT_INTERVAL_MS = 1000;
export const MIN_INTERVAL_MS = 100;
export const MAX_INTERVAL_MS = 10_000;

/** `?limit=N`: an integer from 1 to 100000; anything else is the client's mistake. */
export function readLimit(query: Map<string, string>): number {
  const raw = query.get('limit');
  if (raw === undefined) return DEFAULT_LIMIT;
  const value = readInteger(raw);
  if (value === null || value < 1 || value > MAX_LIMIT)
    throw new BadRequest(`limit must be an integer from 1 to ${MAX_LIMIT}, got "${clip(raw)}"`);
  return value;
}

/** `?offset=N`: how many rows to skip; past the end gives an empty page. */
export function readOffset(query: Map<string, string>): number {
  const raw = query.get('offset');
  if (raw === undefined) return 0;
  const value = readInteger(raw);
  if (value === null) throw new BadRequest(`offset must be an integer >= 0, got "${clip(raw)}"`);
  return value;
}

/** `?intervalMs=N`: any number is accepted and clamped to 100..10000; only non-numbers are refused. */
export function readIntervalMs(query: Map<string, string>): number {
  const raw = query.get('intervalMs');
  if (raw === undefined) return DEFAULT_INTERVAL_MS;
  const value = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw new BadRequest(`intervalMs must be a number, got "${clip(raw)}"`);
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(value)));
}

/** A path id: a positive decimal integer, or null. */
export function readId(raw: string): number | null {
  const value = readInteger(raw);
  return value === null || value < 1 ? null : value;
}

function readInteger(raw: string): number | null {
  if (!/^\d{1,16}$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

/** `?by=site` or `?by=instance` (the default): which rows `channels` and `streams` hold. */
export function readBy(query: Map<string, string>): 'site' | 'instance' {
  const raw = query.get('by');
  if (raw === undefined || raw === 'instance') return 'instance';
  if (raw === 'site') return 'site';
  throw new BadRequest(`by must be "site" or "instance", got "${clip(raw)}"`);
}

/** `?site=ID`: a site id (from a `?by=site` row), or null when absent. */
export function readSite(query: Map<string, string>): number | null {
  const raw = query.get('site');
  if (raw === undefined) return null;
  const value = readId(raw);
  if (value === null) throw new BadRequest(`site must be a positive integer, got "${clip(raw)}"`);
  return value;
}
