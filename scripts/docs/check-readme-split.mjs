// One-off check for the README split (issue 22): every paragraph, list item, table row and heading of the
// README at a given revision must still be found, word for word up to whitespace and link targets, in
// README.md or docs/*.md now. Prints the ones that are not, for a person to compare by hand.
//   node scripts/docs/check-readme-split.mjs <revision>     (e.g. the commit before the split)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { docFiles } from './blocks.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const revision = process.argv[2];
if (!revision) {
  console.error('usage: node scripts/docs/check-readme-split.mjs <revision>');
  process.exit(2);
}
const normalize = (text) =>
  text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\bdocs\//g, '')
    .replace(/^#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
const old = execFileSync('git', ['show', `${revision}:README.md`], { cwd: root, encoding: 'utf8' });
const now = normalize(
  docFiles(root)
    .map((file) => readFileSync(`${root}${file}`, 'utf8'))
    .join('\n\n'),
);

// Pieces: headings, table rows and list items one by one, other paragraphs whole; code blocks line by line.
const pieces = [];
let paragraph = [];
let fenced = false;
const flush = () => {
  if (paragraph.length > 0) pieces.push(paragraph.join('\n'));
  paragraph = [];
};
for (const line of old.split('\n')) {
  if (line.startsWith('```')) {
    flush();
    fenced = !fenced;
  } else if (fenced) {
    if (line.trim() !== '') pieces.push(line);
  } else if (line.trim() === '' || line.startsWith('<!--')) flush();
  else if (/^(#|\||- |\d+\. )/.test(line)) {
    flush();
    paragraph.push(line);
  } else paragraph.push(line);
}
flush();

const missing = pieces.filter((piece) => !/^\|[-=+| ]+\|$/.test(piece) && !now.includes(normalize(piece)));
for (const piece of missing) console.log(`--- not found as is:\n${piece}\n`);
console.log(`${pieces.length - missing.length} of ${pieces.length} pieces found as they were`);
