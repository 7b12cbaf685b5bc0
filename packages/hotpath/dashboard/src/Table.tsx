/**
 * The row table, virtualised: only the rows in view (plus a margin) are in the DOM, so ten thousand rows
 * scroll and update as fast as ten. Rows have one fixed height for that reason.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ColumnDef as Column } from '../../src/text/columns.js';
import { markFirstRows } from './first-rows.js';
import type { AnyRow } from './rows.js';

export const ROW_HEIGHT = 24;
const OVERSCAN = 10;
const LABEL_MIN_CH = 28;

export interface Sort {
  key: string;
  descending: boolean;
}

interface TableProps {
  columns: Column[];
  rows: AnyRow[];
  rates: Map<number, number>;
  selectedId: number | null;
  sort: Sort | null;
  onSort(key: string): void;
  onSelect(id: number): void;
}

export function Table({ columns, rows, rates, selectedId, sort, onSort, onSelect }: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const hasRows = rows.length > 0;
  useEffect(() => {
    if (hasRows) markFirstRows();
  }, [hasRows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const shown = rows.slice(first, last);
  // The label column takes what the others leave, but never less than this: a narrow window scrolls sideways.
  const minWidth = columns.reduce(
    (sum, column) => sum + (column.width === 0 ? LABEL_MIN_CH : column.width + 2),
    0,
  );

  return (
    <div
      class="table-scroll"
      ref={scroller}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
    >
      <table class="rows" data-row-count={rows.length} style={{ minWidth: `${minWidth}ch` }}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} style={column.width === 0 ? {} : { width: `${column.width + 2}ch` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort?.key === column.key;
              return (
                <th
                  key={column.key}
                  class={`${column.align}${sorted ? ' sorted' : ''}`}
                  data-col={column.key}
                  aria-sort={sorted ? (sort!.descending ? 'descending' : 'ascending') : 'none'}
                  onClick={() => onSort(column.key)}
                  title="Sort by this column (again to reverse, a third time for the server's order)"
                >
                  {column.header}
                  {sorted ? (sort!.descending ? ' ↓' : ' ↑') : ''}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr class="spacer" style={{ height: `${first * ROW_HEIGHT}px` }} />}
          {shown.map((row) => (
            <tr
              key={row.id}
              data-row-id={row.id}
              class={row.id === selectedId ? 'selected' : undefined}
              onClick={() => onSelect(row.id)}
            >
              {columns.map((column) => {
                const tone = column.tone?.(row);
                return (
                  <td
                    key={column.key}
                    data-col={column.key}
                    class={tone ? `${column.align} ${tone}` : column.align}
                  >
                    {column.text(row, rates)}
                  </td>
                );
              })}
            </tr>
          ))}
          {last < rows.length && (
            <tr class="spacer" style={{ height: `${(rows.length - last) * ROW_HEIGHT}px` }} />
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p class="empty">No rows yet.</p>}
    </div>
  );
}
