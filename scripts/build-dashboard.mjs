// Bundles the web dashboard (packages/hotpath/dashboard) into packages/hotpath/dist/dashboard: one script,
// one style sheet and the page, all served by the metrics server itself. Preact and uPlot are development
// dependencies: they end up inside the bundle, so the library still installs with no runtime dependencies.
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const source = 'packages/hotpath/dashboard';
const out = 'packages/hotpath/dist/dashboard';
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(source, 'src/main.tsx') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  // The page talks only to its own origin: nothing may be loaded from elsewhere at run time.
  external: [],
});
copyFileSync(join(source, 'index.html'), join(out, 'index.html'));

if (process.argv.includes('--sizes')) {
  for (const name of ['index.html', 'app.js', 'app.css']) {
    const path = join(out, name);
    const gzipped = gzipSync(readFileSync(path)).length;
    console.log(`${name}\t${statSync(path).size} B\t${gzipped} B gzipped`);
  }
}
