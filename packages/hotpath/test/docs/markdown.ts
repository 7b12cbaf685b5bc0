// Just enough Markdown for the docs tests: prose without code, headings as GitHub anchors, relative links.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export const readDoc = (file: string) => readFileSync(`${repoRoot}${file}`, 'utf8');

/** The lines outside fenced code blocks (a fence is ``` or ~~~, closed by the same run or longer). */
export function proseLines(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && opener !== undefined) fence = opener;
    else if (
      fence !== null &&
      opener !== undefined &&
      opener[0] === fence[0] &&
      opener.length >= fence.length
    )
      fence = null;
    else if (fence === null) lines.push(line);
    else lines.push('');
  }
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
      const base = text
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

export interface Link {
  target: string;
  line: number;
}

/** Inline links and images outside code (fenced blocks and `code spans`), plus reference definitions. */
export function links(markdown: string): Link[] {
  const found: Link[] = [];
  proseLines(markdown).forEach((line, index) => {
    const prose = line.replace(/(`+)[\s\S]*?\1/g, '');
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      found.push({ target: match[1]!, line: index + 1 });
    const definition = /^ {0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)/.exec(prose);
    if (definition) found.push({ target: definition[1]!, line: index + 1 });
  });
  return found;
}

/** A link that leaves the repository (a scheme such as https: or mailto:) is not checked here. */
export const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);
