import type { FutureRow } from '../../types.js';
import { formatDurationMs } from '../format.js';
import { renderTable } from '../table.js';

export function futuresSection(rows: FutureRow[], color: boolean): string {
  if (rows.length === 0) return 'No instrumented futures found.';
  const columns = [
    { header: 'Future' },
    { header: 'Calls', align: 'right' as const },
    { header: 'Pending', align: 'right' as const },
    { header: 'Resolved', align: 'right' as const },
    { header: 'Rejected', align: 'right' as const },
    { header: 'Cancelled', align: 'right' as const },
    { header: 'p50', align: 'right' as const },
    { header: 'p95', align: 'right' as const },
    { header: 'Max', align: 'right' as const },
  ];
  const body = rows.map((row) => [
    row.label,
    String(row.calls),
    { text: String(row.pending), style: row.pending > 0 ? ('yellow' as const) : undefined },
    String(row.resolved),
    { text: String(row.rejected), style: row.rejected > 0 ? ('red' as const) : undefined },
    String(row.cancelled),
    row.duration ? formatDurationMs(row.duration.p50Ms) : '-',
    row.duration ? formatDurationMs(row.duration.p95Ms) : '-',
    row.duration ? formatDurationMs(row.duration.maxMs) : '-',
  ]);
  return `Futures:\n${renderTable(columns, body, color)}`;
}
