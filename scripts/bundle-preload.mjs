// Joins the preload's startup modules into the one file dist/auto/preload.js, which `hotpath/register` is.
// Node's ESM loader costs about a millisecond per module it loads before the program's first line, and the
// preload's startup budget is 30 ms: as ten separate modules these cost more than their own code (see
// docs/performance.md, "The preload's startup"). The source stays in small modules; only the build joins them.
//
// Only modules that hold no state of their own, or that nothing but the preload imports, may be joined:
// a module with state (the config, the fault counter, the clock's origin, the set of hotpath's own servers)
// must stay one shared instance with the rest of the library, so every module not named here stays an
// import of the file tsc wrote. Run after `tsc -b`, which it reads and leaves as it is.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const dist = resolve('packages/hotpath/dist');
const entry = join(dist, 'auto/register.js');
const outfile = join(dist, 'auto/preload.js');

const JOINED = new Set(
  [
    'auto/register.js',
    'auto/run-claim.js',
    'auto/workers.js',
    'auto/http.js',
    'auto/fetch.js',
    'auto/calls.js',
    'auto/listen.js',
    'auto/route-shape.js',
    'runtime/bridge.js',
    'runtime/first-worker.js',
  ].map((path) => join(dist, path)),
);

const keepOthersShared = {
  name: 'keep-others-shared',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
      const target = resolve(resolveDir, path);
      if (JOINED.has(target)) return undefined;
      const fromBundle = relative(dirname(outfile), target).replaceAll('\\', '/');
      return { path: fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [keepOthersShared],
});

// A joined module now runs from dist/auto/: `import.meta.url` in it would name the wrong file.
if (readFileSync(outfile, 'utf8').includes('import.meta')) {
  throw new Error(
    `${outfile}: a joined module uses import.meta; keep it out of JOINED in ${import.meta.url}`,
  );
}
