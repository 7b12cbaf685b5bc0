import type { ChannelRow, ChannelState } from '../../types.js';
import { formatBytes, formatDurationMs } from '../format.js';
import { rowLabel, rowState } from '../site-cells.js';
import { type Cell, numbers, type Paint, renderTable } from '../table.js';
import { threadColumn } from './thread-column.js';

const STATE_STYLE: Record<ChannelState, Cell['style']> = {
  active: 'green',
  full: 'red',
  closed: 'yellow',
  notified: 'blue',
  errored: 'red',
};

export function channelsSection(rows: ChannelRow[], color: Paint): string {
  if (rows.length === 0) return 'No instrumented channels found.';
  const timed = rows.some((row) => row.delay !== null);
  const thread = threadColumn(rows);
  const columns = [
    { header: 'Channel' },
    ...thread.columns,
    { header: 'Type' },
    { header: 'State' },
    ...numbers('Sent', 'Received', 'Queued', 'Mem'),
    ...(timed ? numbers('Delay p50', 'p95', 'p99') : []),
  ];
  const body = rows.map((row) => [
    rowLabel(row),
    ...thread.cells(row),
    row.type,
    { text: rowState(row), style: STATE_STYLE[row.state] },
    String(row.sent),
    String(row.received),
    String(row.queued),
    formatBytes(row.queuedBytes),
    ...(timed
      ? [
          row.delay ? formatDurationMs(row.delay.p50Ms) : '-',
          row.delay ? formatDurationMs(row.delay.p95Ms) : '-',
          row.delay ? formatDurationMs(row.delay.p99Ms) : '-',
        ]
      : []),
  ]);
  return `Channels:\n${renderTable(columns, body, color)}`;
}
