// The docs' generated blocks: a fenced block right after `<!-- KIND: examples/FILE -->` holds that example's
// source (`example`), what it prints with monitoring off (`output`) or on (`output-on`, before the report),
// or its exit report without the runtime section (`report`). One parser for the sync script and the tests.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BLOCK_KINDS = ['example', 'output', 'output-on', 'report'];

const MARKER = /^<!-- (example|output|output-on|report): (\S+) -->\n(`{3,})([^\n]*)\n([\s\S]*?)^\3[ \t]*$/gm;

/** Every generated block of `markdown`, in order, with where its content sits. */
export function findBlocks(markdown) {
  const blocks = [];
  for (const match of markdown.matchAll(MARKER)) {
    const [whole, kind, path, fence, lang, content] = match;
    const contentStart = match.index + whole.length - fence.length - content.length;
    blocks.push({
      kind,
      path,
      fence,
      lang,
      content,
      contentStart,
      contentEnd: contentStart + content.length,
    });
  }
  return blocks;
}

/** Markers whose block is missing or malformed: a marker line not followed by a fence. */
export function strayMarkers(markdown) {
  const all = [...markdown.matchAll(/^<!-- (example|output|output-on|report): (\S+) -->$/gm)].length;
  return all - findBlocks(markdown).length;
}

/** The markdown files the docs are made of, relative to the repository root. */
export function docFiles(root) {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `docs/${name}`),
  ];
}

/** The environment an example runs in for each kind of block (the server on any free port, if at all). */
export function envFor(kind) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('HOTPATH')));
  delete clean.NO_COLOR;
  delete clean.FORCE_COLOR;
  if (kind === 'output') return clean;
  if (kind === 'output-on')
    return { ...clean, HOTPATH: '1', HOTPATH_REPORT: 'off', HOTPATH_METRICS_PORT: '0' };
  return { ...clean, HOTPATH: '1', HOTPATH_METRICS_SERVER_OFF: '1' };
}

/** Runs an example as a user would (`node` for JavaScript, through tsx for TypeScript); resolves its stdout. */
export function runExample(root, path, env) {
  const args = path.endsWith('.ts') ? ['--import', 'tsx', path] : [path];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path} failed (${error.message}):\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** What a block of this kind should hold: the example's source, or what it prints when run now. */
export async function expectedContent(root, block) {
  if (block.kind === 'example') return readFileSync(join(root, block.path), 'utf8');
  const stdout = await runExample(root, block.path, envFor(block.kind));
  if (block.kind === 'report') return reportTables(stdout);
  return stdout;
}

/** A report without its runtime section (whose figures are the machine's, not the example's). */
export function reportTables(stdout) {
  const runtime = stdout.indexOf('=== Runtime');
  return `${(runtime === -1 ? stdout : stdout.slice(0, runtime)).trimEnd()}\n`;
}
