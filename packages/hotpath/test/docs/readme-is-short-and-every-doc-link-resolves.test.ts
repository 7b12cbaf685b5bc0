import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { docFiles } from '../../../../scripts/docs/blocks.mjs';
import { headingAnchors, isExternal, links, readDoc, repoRoot } from './markdown.ts';

test('the README stays a front page: at most 15 KB', () => {
  const bytes = Buffer.byteLength(readDoc('README.md'));
  assert.ok(bytes <= 15 * 1024, `README.md is ${bytes} bytes; move detail into a page under docs/`);
});

test('every relative link in README.md and docs/*.md reaches a file, and every #anchor a heading', () => {
  const broken: string[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (file: string) => {
    if (!anchorsOf.has(file)) anchorsOf.set(file, headingAnchors(readDoc(file)));
    return anchorsOf.get(file)!;
  };
  let checked = 0;
  for (const file of docFiles(repoRoot)) {
    for (const { target, line } of links(readDoc(file))) {
      if (isExternal(target)) continue;
      checked++;
      const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
      const path =
        pathPart === '' ? file : relative(repoRoot, join(repoRoot, dirname(file), decodeURI(pathPart)));
      const where = `${file}:${line} → ${target}`;
      if (path.startsWith('..') || !existsSync(join(repoRoot, path))) {
        broken.push(`${where}: no file ${path}`);
        continue;
      }
      if (anchor === undefined) continue;
      if (!path.endsWith('.md') || statSync(join(repoRoot, path)).isDirectory())
        broken.push(`${where}: an #anchor on a file that is not Markdown`);
      else if (!anchors(path).has(decodeURIComponent(anchor)))
        broken.push(`${where}: ${path} has no heading whose anchor is #${anchor}`);
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked > 50, `only ${checked} relative links found: is the link parser still finding them?`);
});

test('every page under docs/ links back to the README', () => {
  const orphans = docFiles(repoRoot)
    .filter((file) => file.startsWith('docs/'))
    .filter((file) => !links(readDoc(file)).some(({ target }) => target.split('#')[0] === '../README.md'));
  assert.deepEqual(orphans, [], 'add a line such as [← README](../README.md) under the title');
});

test('the README links every page under docs/', () => {
  const linked = new Set(links(readDoc('README.md')).map(({ target }) => target.split('#')[0]));
  const missing = docFiles(repoRoot).filter((file) => file.startsWith('docs/') && !linked.has(file));
  assert.deepEqual(missing, [], "give each page a row in the README's Documentation table");
});
