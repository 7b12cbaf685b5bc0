/**
 * Tab 4: the process beside its data flow. One line per thread (loop utilisation with a sparkline of the
 * last minute, delay percentiles, heap), then memory, GC, what keeps the loop alive, and the latest stalls.
 * Everything is read defensively: a server of another version may send less, or nothing.
 */

import { escapeControl, sparkline } from 'hotpath/text';
import { Box, Text } from 'ink';
import { fit, formatBytes, formatCount, formatDurationMs, isNumber, UNKNOWN } from './format.js';

export { sparkline };

const STALLS_SHOWN = 5;

type Record_ = Record<string, unknown>;

function object(value: unknown): Record_ | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record_) : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Text from the wire, made safe for a terminal: an escape sequence shows as text instead of acting. */
function safe(value: unknown): string {
  return typeof value === 'string' ? escapeControl(value) : UNKNOWN;
}

function percent(value: unknown): string {
  return isNumber(value) ? `${(value * 100).toFixed(1)}%` : UNKNOWN;
}

export function runtimeLines(
  runtime: unknown,
  width: number,
): { text: string; bold?: boolean; color?: string }[] {
  const data = object(runtime);
  if (data === null)
    return [
      { text: 'No runtime figures yet', bold: true },
      { text: 'The program runs a hotpath without the runtime sampler, or has not monitored anything yet.' },
    ];
  // Thread, name, util, four figures and the gaps take 83 columns; the sparkline gets the rest.
  const spark = Math.max(10, Math.min(60, width - 83));
  const lines: { text: string; bold?: boolean; color?: string }[] = [];
  lines.push({
    text: `${fit('Thread', 7, 'right')} ${fit('Name', 20)} ${fit('Util', 7, 'right')} ${fit('last minute', spark)} ${fit('p50', 9, 'right')} ${fit('p99', 9, 'right')} ${fit('max', 9, 'right')} ${fit('Heap', 9, 'right')}`,
    bold: true,
  });
  for (const raw of list(data.threads)) {
    const thread = object(raw);
    if (thread === null) continue;
    const loop = object(thread.eventLoop) ?? {};
    const heap = object(thread.heap);
    const name = `${safe(thread.name)}${thread.alive === false ? ' (exited)' : ''}`;
    lines.push({
      text: `${fit(isNumber(thread.threadId) ? String(thread.threadId) : UNKNOWN, 7, 'right')} ${fit(name, 20)} ${fit(percent(loop.utilization), 7, 'right')} ${fit(sparkline(list(thread.utilizationHistory), 1, spark), spark)} ${fit(formatDurationMs(loop.delayP50Ms), 9, 'right')} ${fit(formatDurationMs(loop.delayP99Ms), 9, 'right')} ${fit(formatDurationMs(loop.delayMaxMs), 9, 'right')} ${fit(heap === null ? UNKNOWN : formatBytes(heap.usedBytes), 9, 'right')}`,
      ...(thread.alive === false ? { color: 'gray' } : {}),
    });
  }
  const heap = object(data.heap) ?? {};
  const gc = object(data.gc) ?? {};
  lines.push({ text: '' });
  lines.push({
    text: `Memory  rss ${formatBytes(data.rssBytes)} · heap ${formatBytes(heap.usedBytes)} of ${formatBytes(heap.totalBytes)} (limit ${formatBytes(heap.limitBytes)}) · external ${formatBytes(data.externalBytes)} · array buffers ${formatBytes(data.arrayBuffersBytes)}`,
  });
  const kinds = Object.entries(object(gc.byKind) ?? {})
    .map(([kind, value]) => `${safe(kind)} ${formatCount(object(value)?.count)}`)
    .join(', ');
  lines.push({
    text: `GC      ${formatCount(gc.count)} collections, ${formatDurationMs(gc.totalMs)} in all${kinds === '' ? '' : ` (${kinds})`}`,
  });
  const resources = Object.entries(object(data.activeResources) ?? {})
    .map(([kind, count]) => `${safe(kind)} ${formatCount(count)}`)
    .join(', ');
  lines.push({ text: `Handles ${resources === '' ? 'none' : resources}` });
  const stalls = list(data.stalls)
    .map(object)
    .filter((stall) => stall !== null);
  lines.push({ text: '' });
  lines.push({
    text: `Loop stalls ≥ 100 ms: ${formatCount(data.stallCount ?? stalls.length)}`,
    bold: true,
    ...(stalls.length > 0 ? { color: 'red' } : {}),
  });
  for (const stall of stalls.slice(-STALLS_SHOWN).reverse())
    lines.push({
      text: `  at ${isNumber(stall.atMs) ? `${(stall.atMs / 1000).toFixed(2)}s` : UNKNOWN} for ${formatDurationMs(stall.durationMs)}`,
    });
  return lines;
}

export function RuntimeView({ runtime, width, height }: { runtime: unknown; width: number; height: number }) {
  const lines = runtimeLines(runtime, width).slice(0, height);
  return (
    <Box flexDirection="column" flexGrow={1}>
      {lines.map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          key={i}
          wrap="truncate"
          bold={line.bold === true}
          {...(line.color === undefined ? {} : { color: line.color })}
        >
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
