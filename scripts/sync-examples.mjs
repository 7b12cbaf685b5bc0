// Rewrites the docs' generated blocks (see scripts/docs/blocks.mjs) from examples/: the sources, and what
// they print, run now. The tests check the sources and outputs exactly and the report's counts.
// Run after editing an example: `node scripts/sync-examples.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { docFiles, expectedContent, findBlocks } from './docs/blocks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const file of docFiles(root)) {
  const path = `${root}${file}`;
  const before = readFileSync(path, 'utf8');
  let after = before;
  for (const block of findBlocks(before).reverse()) {
    const content = await expectedContent(root, block);
    after = after.slice(0, block.contentStart) + content + after.slice(block.contentEnd);
  }
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`updated ${file}`);
  }
}
