import type { RuntimeStats, ThreadStats } from '../../types.js';
import { formatBytes, formatDurationMs } from '../format.js';
import { printable } from '../table.js';

/** Stalls listed by time in the report; the rest are counted. */
const STALLS_SHOWN = 5;

/**
 * A short runtime section: one line per thread, then memory, GC and the longest loop stalls. Plain lines,
 * not a bordered table, so that whoever reads the report's `| … |` rows reads only data-flow rows.
 */
export function runtimeSection(runtime: RuntimeStats): string {
  const names = runtime.threads.map(threadName);
  const nameWidth = Math.max(...names.map((name) => name.length));
  const ms = (value: number | null) => (value === null ? '-' : formatDurationMs(value));
  const lines = runtime.threads.map((thread, i) => {
    const loop = thread.eventLoop;
    const heap = thread.heap === undefined ? '' : `, heap ${formatBytes(thread.heap.usedBytes)}`;
    return (
      `  ${names[i]!.padEnd(nameWidth)}  loop ${(loop.utilization * 100).toFixed(1)}% busy, ` +
      `delay p50 ${ms(loop.delayP50Ms)} p99 ${ms(loop.delayP99Ms)} max ${ms(loop.delayMaxMs)}${heap}`
    );
  });
  lines.unshift('Threads:');
  lines.push(
    `Memory: rss ${formatBytes(runtime.rssBytes)}, heap ${formatBytes(runtime.heap.usedBytes)} of ` +
      `${formatBytes(runtime.heap.totalBytes)} (limit ${formatBytes(runtime.heap.limitBytes)}), ` +
      `external ${formatBytes(runtime.externalBytes)}`,
    `GC: ${runtime.gc.count} collections, ${formatDurationMs(runtime.gc.totalMs)} in all`,
    `Loop stalls (>= 100 ms): ${runtime.stallCount}`,
  );
  const longest = [...runtime.stalls].sort((a, b) => b.durationMs - a.durationMs).slice(0, STALLS_SHOWN);
  for (const stall of longest)
    lines.push(`  at ${(stall.atMs / 1000).toFixed(2)}s for ${formatDurationMs(stall.durationMs)}`);
  return lines.join('\n');
}

function threadName(thread: ThreadStats): string {
  const name = `${thread.threadId} ${printable(thread.name)}`;
  return thread.alive ? name : `${name} (exited)`;
}
