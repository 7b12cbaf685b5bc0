// The registry reachable here lacks some platform builds (for example Biome's macOS and Windows
// binaries). npm then leaves them out of package-lock.json, and its own `npm ci` rejects that lock as
// "Missing: …@ from lock file". This adds a bare entry for every optional dependency the lock lacks:
// `npm ci` accepts the lock, skips what does not fit the platform, and a machine that can fetch the
// package still installs it by version. Run it after every `npm install` that changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;

function resolves(from, name) {
  // Node's lookup: node_modules beside the dependent, then in each parent, up to the root.
  let dir = from;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    const cut = dir.lastIndexOf('/node_modules/');
    if (dir === '') return false;
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

for (const [key, entry] of Object.entries({ ...packages })) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(key, name)) continue;
    const at = packages[`node_modules/${name}`] ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    packages[at] = {
      version: spec.replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} missing optional entr${added === 1 ? 'y' : 'ies'}`);
