import type { RuntimeStats } from '../../types.js';
import { formatBytes, formatDurationMs } from '../format.js';
import { renderTable } from '../table.js';

/** Stalls listed by time in the report; the rest are counted. */
const STALLS_SHOWN = 5;

/** A short runtime section: one line per thread, then memory, GC and the longest loop stalls. */
export function runtimeSection(runtime: RuntimeStats, color: boolean): string {
  const columns = [
    { header: 'Thread', align: 'right' as const },
    { header: 'Name' },
    { header: 'Loop util', align: 'right' as const },
    { header: 'Delay p50', align: 'right' as const },
    { header: 'p99', align: 'right' as const },
    { header: 'Max', align: 'right' as const },
    { header: 'Heap used', align: 'right' as const },
  ];
  const ms = (value: number | null) => (value === null ? '-' : formatDurationMs(value));
  const body = runtime.threads.map((thread) => [
    String(thread.threadId),
    thread.alive ? thread.name : `${thread.name} (exited)`,
    `${(thread.eventLoop.utilization * 100).toFixed(1)}%`,
    ms(thread.eventLoop.delayP50Ms),
    ms(thread.eventLoop.delayP99Ms),
    ms(thread.eventLoop.delayMaxMs),
    thread.heap === undefined ? '-' : formatBytes(thread.heap.usedBytes),
  ]);
  // The figures first and the table last, so that a report still ends on a table's closing border.
  const lines = [
    `Memory: rss ${formatBytes(runtime.rssBytes)}, heap ${formatBytes(runtime.heap.usedBytes)} of ` +
      `${formatBytes(runtime.heap.totalBytes)} (limit ${formatBytes(runtime.heap.limitBytes)}), ` +
      `external ${formatBytes(runtime.externalBytes)}`,
    `GC: ${runtime.gc.count} collections, ${formatDurationMs(runtime.gc.totalMs)} in all`,
    `Loop stalls (>= 100 ms): ${runtime.stallCount}`,
  ];
  const longest = [...runtime.stalls].sort((a, b) => b.durationMs - a.durationMs).slice(0, STALLS_SHOWN);
  for (const stall of longest)
    lines.push(`  at ${(stall.atMs / 1000).toFixed(2)}s for ${formatDurationMs(stall.durationMs)}`);
  lines.push('', `Threads:\n${renderTable(columns, body, color)}`);
  return lines.join('\n');
}
