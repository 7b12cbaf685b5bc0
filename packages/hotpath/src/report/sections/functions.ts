import type { FunctionRow } from '../../types.js';
import { formatDurationMs } from '../format.js';
import { numbers, type Paint, renderTable } from '../table.js';

/** hotpath-rs's timing table: where the time goes, most first; durations from a sample of the calls. */
export function functionsSection(rows: FunctionRow[], color: Paint): string {
  if (rows.length === 0) return 'No measured functions found.';
  const columns = [
    { header: 'Function' },
    ...numbers('Calls', 'Errors', 'Mean', 'p50', 'p95', 'p99', 'Max', 'Total', '% Total'),
  ];
  const duration = (ms: number | null) => (ms === null ? '-' : formatDurationMs(ms));
  const body = rows.map((row) => [
    row.async ? `${row.label} (async)` : row.label,
    String(row.calls),
    { text: String(row.errors), style: row.errors > 0 ? ('red' as const) : undefined },
    duration(row.meanMs),
    duration(row.p50Ms),
    duration(row.p95Ms),
    duration(row.p99Ms),
    duration(row.maxMs),
    duration(row.totalMs),
    row.percentOfWall === null ? '-' : `${row.percentOfWall.toFixed(2)}%`,
  ]);
  const exclusive = rows.some((row) => row.exclusive) ? ', exclusive of nested measured calls' : '';
  return `Functions (durations sampled${exclusive}):\n${renderTable(columns, body, color)}`;
}
