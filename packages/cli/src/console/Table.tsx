import { Box, Text } from 'ink';
import { type CellContext, type Column, cellSegments, type Segment } from './columns.js';
import { fit } from './format.js';
import type { AnyRow } from './rows.js';
import type { SortState } from './view.js';

export interface TableProps {
  layout: { column: Column; width: number }[];
  /** Only the rows in the window: the table never touches the others. */
  rows: readonly AnyRow[];
  /** Which of `rows` is selected, or -1. */
  selected: number;
  sort: SortState;
  context: CellContext;
  focused: boolean;
}

export function headerSegments(layout: TableProps['layout'], sort: SortState): Segment[] {
  const segments: Segment[] = [];
  for (const { column, width } of layout) {
    const mark = sort.key === column.key ? (sort.descending ? '▼' : '▲') : '';
    const text =
      column.align === 'right'
        ? fit(`${mark}${column.header}`, width, 'right')
        : fit(`${column.header}${mark}`, width);
    segments.push({ text: `${text} `, bold: true, ...(mark === '' ? {} : { color: 'cyan' }) });
  }
  return segments;
}

export function rowSegments(row: AnyRow, layout: TableProps['layout'], context: CellContext): Segment[] {
  const segments: Segment[] = [];
  for (const { column, width } of layout) {
    segments.push(...cellSegments(column, row, context, width), { text: ' ' });
  }
  return segments;
}

export function Table({ layout, rows, selected, sort, context, focused }: TableProps) {
  return (
    <Box flexDirection="column" flexGrow={1}>
      <SegmentsLine segments={headerSegments(layout, sort)} />
      {rows.map((row, i) => (
        <SegmentsLine
          key={row.id}
          segments={rowSegments(row, layout, context)}
          inverse={i === selected}
          dim={i === selected && !focused}
        />
      ))}
    </Box>
  );
}

function SegmentsLine({
  segments,
  inverse = false,
  dim = false,
}: {
  segments: Segment[];
  inverse?: boolean;
  dim?: boolean;
}) {
  return (
    <Text wrap="truncate" inverse={inverse} dimColor={dim}>
      {segments.map((segment, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: a line's segments never reorder
          key={i}
          {...(segment.color === undefined ? {} : { color: segment.color })}
          dimColor={segment.dim === true}
          bold={segment.bold === true}
        >
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}
