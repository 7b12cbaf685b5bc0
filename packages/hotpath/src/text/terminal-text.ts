/**
 * Text that reaches a terminal (the exit report, the console): the program's own strings (labels, event
 * names, logged values, error messages) are shown, never obeyed, and measured in terminal columns. One
 * helper for every surface, so that the report and the console escape and cut the same way.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters (ESC, newline, C1 …) as `\xNN`: an escape sequence shows as text instead of acting. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Code point ranges a terminal draws two columns wide (East Asian Wide and Fullwidth, wide emoji). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2630, 0x2637],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x268a, 0x268f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x3247],
  [0x3250, 0x33ff],
  [0x3400, 0x4dff],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18dff],
  [0x1aff0, 0x1affe],
  [0x1b000, 0x1b2ff],
  [0x1d300, 0x1d376],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f260, 0x1f265],
  [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d8],
  [0x1f6dc, 0x1f6df],
  [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0],
  [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  let low = 0;
  let high = WIDE.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [from, to] = WIDE[mid]!;
    if (codePoint < from) high = mid - 1;
    else if (codePoint > to) low = mid + 1;
    else return true;
  }
  return false;
}

/** Marks that draw on the character before them (accents, joiners, variation selectors). */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Columns one grapheme takes: 2 for wide characters and emoji shown as pictures, 0 for lone marks. */
function graphemeWidth(grapheme: string): number {
  const first = grapheme.codePointAt(0)!;
  const single = grapheme.length === (first > 0xffff ? 2 : 1);
  if (single && ZERO_WIDTH.test(grapheme)) return 0;
  if (isWide(first)) return 2;
  // Two regional indicators make a flag; one alone is a letter.
  if (first >= 0x1f1e6 && first <= 0x1f1ff) return single ? 1 : 2;
  // A text-style symbol followed by VS16 (U+FE0F) is drawn as an emoji picture, and so is a keycap (1️⃣).
  if (!single && grapheme.includes('\ufe0f') && /\p{Extended_Pictographic}/u.test(grapheme)) return 2;
  if (!single && grapheme.includes('\u20e3')) return 2;
  return 1;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** The terminal columns `text` takes (control characters must be escaped first). */
export function displayWidth(text: string): number {
  if (isAscii(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** The longest start of `text` that fits `width` columns (never splitting a grapheme). */
function takeStart(text: string, width: number): string {
  let used = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    const w = graphemeWidth(segment);
    if (used + w > width) break;
    used += w;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** The longest end of `text` that fits `width` columns. */
function takeEnd(text: string, width: number): string {
  const graphemes = [...segmenter.segment(text)].map((s) => s.segment);
  let used = 0;
  let start = graphemes.length;
  while (start > 0) {
    const w = graphemeWidth(graphemes[start - 1]!);
    if (used + w > width) break;
    used += w;
    start--;
  }
  return graphemes.slice(start).join('');
}

export type Align = 'left' | 'right';

/**
 * Exactly `width` columns: escaped, cut with `…` when too wide (from the start when `cutStart`, since the
 * end of a path says more), then padded. A wide character that no longer fits leaves a space instead.
 */
export function fitWidth(text: string, width: number, align: Align = 'left', cutStart = false): string {
  if (width <= 0) return '';
  let safe = escapeControl(text);
  let used = displayWidth(safe);
  if (used > width) {
    if (width === 1) return '…';
    safe = cutStart ? `…${takeEnd(safe, width - 1)}` : `${takeStart(safe, width - 1)}…`;
    used = displayWidth(safe);
  }
  const pad = ' '.repeat(Math.max(0, width - used));
  return align === 'right' ? pad + safe : safe + pad;
}

/** Escaped and cut to at most `width` columns, not padded (for free text such as a status line). */
export function clipWidth(text: string, width: number): string {
  const safe = escapeControl(text);
  if (displayWidth(safe) <= width) return safe;
  return width <= 1 ? '…'.slice(0, width) : `${takeStart(safe, width - 1)}…`;
}

/** `text` escaped and hard-wrapped into lines of at most `width` columns (for a popup showing a value). */
export function wrapWidth(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = escapeControl(raw.replace(/\t/g, '  '));
    let current = '';
    let used = 0;
    for (const { segment } of segmenter.segment(line)) {
      const w = graphemeWidth(segment);
      if (used + w > width && current !== '') {
        lines.push(current);
        current = '';
        used = 0;
      }
      current += segment;
      used += w;
    }
    lines.push(current);
  }
  return lines;
}
