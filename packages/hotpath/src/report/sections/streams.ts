import type { StreamRow, StreamState } from '../../types.js';
import { formatDurationMs } from '../format.js';
import { rowLabel, rowState } from '../site-cells.js';
import { type Cell, numbers, type Paint, renderTable } from '../table.js';
import { threadColumn } from './thread-column.js';

const STATE_STYLE: Record<StreamState, Cell['style']> = {
  active: 'green',
  closed: 'yellow',
  errored: 'red',
  cancelled: 'magenta',
};

export function streamsSection(rows: StreamRow[], color: Paint): string {
  if (rows.length === 0) return 'No instrumented streams found.';
  const consumerWaits = rows.some((row) => row.consumerWaitMs !== null);
  const producerWaits = rows.some((row) => row.producerWaitMs !== null);
  const thread = threadColumn(rows);
  const columns = [
    { header: 'Stream' },
    ...thread.columns,
    { header: 'Kind' },
    { header: 'State' },
    ...numbers('Yielded', 'First item', 'Items/s'),
    ...(consumerWaits ? [{ header: 'Consumer wait', align: 'right' as const }] : []),
    ...(producerWaits ? [{ header: 'Producer wait', align: 'right' as const }] : []),
  ];
  const body = rows.map((row) => [
    rowLabel(row),
    ...thread.cells(row),
    row.kind,
    { text: rowState(row), style: STATE_STYLE[row.state] },
    String(row.yielded),
    row.firstItemMs === null ? '-' : formatDurationMs(row.firstItemMs),
    row.itemsPerSecond === null ? '-' : formatRate(row.itemsPerSecond),
    ...(consumerWaits ? [formatWait(row.consumerWaitMs)] : []),
    ...(producerWaits ? [formatWait(row.producerWaitMs)] : []),
  ]);
  return `Streams:\n${renderTable(columns, body, color)}`;
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(perSecond >= 100 ? 0 : 1);
}

function formatWait(ms: number | null): string {
  return ms === null ? '-' : formatDurationMs(ms);
}
