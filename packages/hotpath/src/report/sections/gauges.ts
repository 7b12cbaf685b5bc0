import type { GaugeRow } from '../../types.js';
import { formatDurationMs } from '../format.js';
import { numbers, type Paint, renderTable } from '../table.js';

/** Gauges and `val` labels: the latest value, its extremes and how often it changed. */
export function gaugesSection(rows: GaugeRow[], color: Paint): string {
  if (rows.length === 0) return 'No gauges or values found.';
  const columns = [
    { header: 'Label' },
    { header: 'Kind' },
    { header: 'Value' },
    ...numbers('Min', 'Max', 'Updates', 'Last update'),
  ];
  const number = (value: number | null) => (value === null ? '-' : String(value));
  const body = rows.map((row) => [
    row.label,
    row.kind,
    row.message ?? '-',
    number(row.min),
    number(row.max),
    String(row.updates),
    row.updatedMs === null ? '-' : `at ${formatDurationMs(row.updatedMs)}`,
  ]);
  return `Gauges and values:\n${renderTable(columns, body, color)}`;
}
