import type { LogEntry } from '../types.js';
import type { LogRing } from './log-ring.js';
import type { Site } from './sites.js';

/**
 * A site's log: the entries its held instances kept, newest first, at most `limit`, each naming the
 * instance it came from (indexes count per instance, so `instance` tells two `#1` apart). A site of one
 * instance has exactly that instance's log.
 */
export function mergedLogs<E extends { site: Site; ordinal: number }>(
  held: E[],
  ring: (entry: E) => LogRing | null,
  limit: number,
): LogEntry[] {
  if (held.length === 1) return ring(held[0]!)?.toArray() ?? [];
  const all: LogEntry[] = [];
  for (const entry of held) {
    const instance = entry.site.labelFor(entry.ordinal);
    for (const log of ring(entry)?.toArray() ?? []) all.push({ ...log, instance });
  }
  return all.sort((a, b) => b.timestampMs - a.timestampMs).slice(0, limit);
}
