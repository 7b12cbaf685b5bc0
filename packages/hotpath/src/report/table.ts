import { styleText } from 'node:util';

export type Align = 'left' | 'right';
type Style = Parameters<typeof styleText>[0];

export interface Column {
  header: string;
  align?: Align;
}

export interface Cell {
  text: string;
  style?: Style;
}

/**
 * A bordered text table in hotpath-rs's layout (`+---+`, `| cell |`). Widths come from the plain text;
 * colour is applied after padding so escape codes never skew the columns.
 */
export function renderTable(columns: Column[], rows: (Cell | string)[][], color: boolean): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? { text: cell } : cell)));
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((row) => (row[i]?.text ?? '').length)),
  );
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const paint = (text: string, style: Style | undefined) => (color && style ? styleText(style, text) : text);
  const line = (row: Cell[]) =>
    `|${columns
      .map((column, i) => {
        const cell = row[i] ?? { text: '' };
        const pad = ' '.repeat(widths[i]! - cell.text.length);
        const text = paint(cell.text, cell.style);
        return ` ${column.align === 'right' ? pad + text : text + pad} `;
      })
      .join('|')}|`;
  const header = line(columns.map((column) => ({ text: column.header, style: ['bold', 'cyan'] as Style })));
  return [rule, header, rule.replaceAll('-', '='), ...cells.map(line), rule].join('\n');
}
