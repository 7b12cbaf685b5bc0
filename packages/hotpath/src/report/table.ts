import { styleText } from 'node:util';
import { clipWidth, displayWidth } from '../text/terminal-text.js';

export type Align = 'left' | 'right';
type Style = Parameters<typeof styleText>[0];

export interface Column {
  header: string;
  align?: Align;
}

/** Columns of numbers, right-aligned: `...numbers('Sent', 'Received')`. */
export function numbers(...headers: string[]): Column[] {
  return headers.map((header) => ({ header, align: 'right' }));
}

export interface Cell {
  text: string;
  style?: Style;
}

/** How a table is drawn: bordered text with colour (`true`) or without (`false`), or a Markdown table. */
export type Paint = boolean | 'markdown';

/**
 * A bordered text table in hotpath-rs's layout (`+---+`, `| cell |`). Widths are display columns of the plain text;
 * colour is applied after padding so escape codes never skew the columns.
 */
export function renderTable(columns: Column[], rows: (Cell | string)[][], look: Paint): string {
  const cells = rows.map((row) =>
    row.map((cell) =>
      typeof cell === 'string' ? { text: printable(cell) } : { ...cell, text: printable(cell.text) },
    ),
  );
  if (look === 'markdown') return markdownTable(columns, cells);
  const color = look;
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...cells.map((row) => displayWidth(row[i]?.text ?? ''))),
  );
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const paint = (text: string, style: Style | undefined) => (color && style ? styleText(style, text) : text);
  const line = (row: Cell[]) =>
    `|${columns
      .map((column, i) => {
        const cell = row[i] ?? { text: '' };
        const pad = ' '.repeat(widths[i]! - displayWidth(cell.text));
        const text = paint(cell.text, cell.style);
        return ` ${column.align === 'right' ? pad + text : text + pad} `;
      })
      .join('|')}|`;
  const header = line(columns.map((column) => ({ text: column.header, style: ['bold', 'cyan'] as Style })));
  return [rule, header, rule.replaceAll('-', '='), ...cells.map(line), rule].join('\n');
}

/**
 * A GitHub-flavoured Markdown table (for pull-request comments), after a blank line so that it never
 * joins the paragraph before it. A `|` in a cell is escaped so it cannot split the cell.
 */
function markdownTable(columns: Column[], rows: Cell[][]): string {
  const cell = (text: string) => (text === '' ? ' ' : text.replaceAll('\\', '\\\\').replaceAll('|', '\\|'));
  const line = (texts: string[]) => `| ${texts.map(cell).join(' | ')} |`;
  return [
    '',
    line(columns.map((column) => column.header)),
    `|${columns.map((column) => (column.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((row) => line(columns.map((_, i) => row[i]?.text ?? ''))),
  ].join('\n');
}

/** Longest cell text printed; one huge label would otherwise pad every row of its table to its width. */
const MAX_CELL = 120;

/**
 * Labels and event names are the program's strings: a newline would break the table, and an escape
 * sequence would reach the terminal. Control characters show as `\xNN`, and an over-long text is cut.
 */
export function printable(text: string): string {
  return clipWidth(text, MAX_CELL);
}
