import type { PendingCall } from '../../registry/futures.js';
import type { FutureRow } from '../../types.js';
import { formatDurationMs } from '../format.js';
import { numbers, type Paint, printable, renderTable } from '../table.js';
import { threadColumn } from './thread-column.js';

/** Pending calls listed by name in the report; the rest are counted. */
export const PENDING_SHOWN = 20;

/** The calls still pending, oldest first: at exit, the program's; for a recording, none are known. */
export interface PendingCalls {
  total: number;
  oldest: PendingCall[];
}

const NONE_PENDING: PendingCalls = { total: 0, oldest: [] };

/**
 * The futures table, then the calls still pending — at exit, that list is a hang detector: each line is
 * a promise that never settled, with how long it has waited.
 */
export function futuresSection(
  rows: FutureRow[],
  color: Paint,
  pending: PendingCalls = NONE_PENDING,
): string {
  if (rows.length === 0) return 'No instrumented futures found.';
  const thread = threadColumn(rows);
  const columns = [
    { header: 'Future' },
    ...thread.columns,
    ...numbers('Calls', 'Pending', 'Resolved', 'Rejected', 'Cancelled', 'p50', 'p95', 'Max'),
  ];
  // Rows from `hotpath/register`'s HTTP instrumentation also say how their responses went.
  const http = rows.some((row) => row.statusClasses !== undefined);
  if (http) columns.push({ header: 'Responses', align: 'right' as const });
  const body = rows.map((row) => [
    row.label,
    ...thread.cells(row),
    String(row.calls),
    { text: String(row.pending), style: row.pending > 0 ? ('yellow' as const) : undefined },
    String(row.resolved),
    { text: String(row.rejected), style: row.rejected > 0 ? ('red' as const) : undefined },
    String(row.cancelled),
    row.duration ? formatDurationMs(row.duration.p50Ms) : '-',
    row.duration ? formatDurationMs(row.duration.p95Ms) : '-',
    row.duration ? formatDurationMs(row.duration.maxMs) : '-',
    ...(http ? [responses(row)] : []),
  ]);
  const table = `Futures:\n${renderTable(columns, body, color)}`;
  return pending.total === 0 ? table : `${table}\n\n${pendingList(pending)}`;
}

/** `2xx:30 4xx:1`: the status classes that occurred. */
function responses(row: FutureRow): string {
  if (row.statusClasses === undefined) return '-';
  const seen = Object.entries(row.statusClasses).filter(([, count]) => count > 0);
  return seen.length === 0 ? '-' : seen.map(([name, count]) => `${name}:${count}`).join(' ');
}

function pendingList(pending: PendingCalls): string {
  const lines = pending.oldest.map(
    (call) => `  ${printable(call.label)}  call #${call.callId}  pending for ${formatDurationMs(call.ageMs)}`,
  );
  const more = pending.total - pending.oldest.length;
  if (more > 0) lines.push(`  … and ${more} more`);
  return `Still pending (${pending.total}, oldest first):\n${lines.join('\n')}`;
}
