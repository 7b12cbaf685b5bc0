import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { docFiles } from '../../../../scripts/docs/blocks.mjs';
import { ROUTES } from '../../src/server/routes.ts';
import { proseLines, readDoc, repoRoot } from './markdown.ts';

/** Every .ts/.tsx source file of both packages. */
function sources(dir = join(repoRoot, 'packages')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', 'test'].includes(entry.name) ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && path.includes('/src/') ? [path] : [];
  });
}

const docsText = docFiles(repoRoot)
  .filter((file) => file.startsWith('docs/'))
  .map(readDoc)
  .join('\n');

test('every HOTPATH_* variable the sources read is named in docs/', () => {
  const variables = new Set<string>();
  for (const file of sources())
    for (const match of readFileSync(file, 'utf8').matchAll(/\bHOTPATH(?:_[A-Z0-9]+)*\b/g))
      variables.add(match[0]);
  assert.ok(variables.has('HOTPATH') && variables.has('HOTPATH_METRICS_PORT'), 'the scan finds variables');
  const missing = [...variables].filter((name) => !new RegExp(`\\b${name}\\b`).test(docsText)).sort();
  assert.deepEqual(missing, [], 'list each in docs/reports.md (Environment variables) or its own page');
});

test('the environment table in docs/reports.md lists each variable once', () => {
  const rows = proseLines(readDoc('docs/reports.md'))
    .map((line) => /^\| `(HOTPATH[A-Z0-9_]*|NO_COLOR)`/.exec(line)?.[1])
    .filter((name) => name !== undefined);
  assert.ok(rows.length >= 14, `only ${rows.length} rows`);
  assert.deepEqual(
    rows.filter((name, index) => rows.indexOf(name) !== index),
    [],
  );
});

test('every route the metrics server answers is named in docs/', () => {
  const missing = ROUTES.filter((route) => !docsText.includes(route));
  assert.deepEqual(missing, [], 'describe each in docs/server.md (Routes) or the page of its feature');
});
