import type { StreamRow, StreamState } from '../../types.js';
import { type Cell, renderTable } from '../table.js';

const STATE_STYLE: Record<StreamState, Cell['style']> = {
  active: 'green',
  closed: 'yellow',
  errored: 'red',
  cancelled: 'magenta',
};

export function streamsSection(rows: StreamRow[], color: boolean): string {
  if (rows.length === 0) return 'No instrumented streams found.';
  const columns = [
    { header: 'Stream' },
    { header: 'Kind' },
    { header: 'State' },
    { header: 'Yielded', align: 'right' as const },
  ];
  const body = rows.map((row) => [
    row.instances > 1 ? `${row.label} (${row.instances} finished)` : row.label,
    row.kind,
    { text: row.state, style: STATE_STYLE[row.state] },
    String(row.yielded),
  ]);
  return `Streams:\n${renderTable(columns, body, color)}`;
}
