// A package-lock.json for an empty project that depends on the two packed tarballs, with every other
// package at the version the repository's own lock pins. `npm ci --offline` can install from it, since
// `npm ci` in the repository put exactly those tarballs in the npm cache (an install without a lock
// would need the registry's package lists, which the cache does not hold).

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface Tarball {
  name: string;
  version: string;
  file: string;
}

/** Where Node would find `name` from the package installed at `from` (nearest node_modules upwards). */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return null;
    const up = base.lastIndexOf('/node_modules/');
    base = up === -1 ? '' : base.slice(0, up);
  }
}

/** The lock for `{ dependencies: tarballs }`, taking the rest of the tree from the workspace's lock. */
export function offlineLock(
  workspaceLock: { packages: Record<string, LockEntry> },
  projectName: string,
  tarballs: Tarball[],
): object {
  const source = workspaceLock.packages;
  const ours = new Map(tarballs.map((t) => [t.name, t]));
  const packages: Record<string, LockEntry> = {
    '': {
      name: projectName,
      dependencies: Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`])),
    },
  };
  // Each entry to visit, with where it sits in the workspace's tree (a workspace's own folder for ours).
  const pending: { at: string; from: string }[] = [];
  for (const tarball of tarballs) {
    const workspace = source[`node_modules/${tarball.name}`]?.resolved;
    if (workspace === undefined) throw new Error(`${tarball.name} is not a workspace of this repository`);
    const { name: _name, ...entry } = source[workspace] as LockEntry;
    packages[`node_modules/${tarball.name}`] = {
      ...entry,
      version: tarball.version,
      resolved: `file:${tarball.file}`,
    };
    pending.push({ at: `node_modules/${tarball.name}`, from: workspace });
  }
  while (pending.length > 0) {
    const { at, from } = pending.pop()!;
    const entry = packages[at]!;
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => optionalPeers[name]?.optional !== true),
    ];
    for (const name of wanted) {
      if (ours.has(name)) continue;
      const found = locate(source, from, name);
      if (found === null) {
        if (entry.optionalDependencies?.[name] !== undefined) continue;
        throw new Error(`${name} (needed by ${at}) is not in package-lock.json`);
      }
      if (!found.startsWith('node_modules/'))
        throw new Error(`${found}: a workspace's nested dependency; this lock builder does not move those`);
      if (packages[found] !== undefined) continue;
      const { dev: _dev, devOptional: _devOptional, ...copy } = source[found]!;
      packages[found] = copy;
      pending.push({ at: found, from: found });
    }
  }
  return { name: projectName, lockfileVersion: 3, requires: true, packages };
}
