import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { offlineLock, type Tarball } from './offline-lock.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The environment without this run's npm settings (an outer `npm test` sets npm_config_*) or HOTPATH_*. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(npm_|HOTPATH|NO_COLOR|FORCE_COLOR)/i.test(key) || key === 'npm_config_cache') env[key] = value;
  return { ...env, ...extra };
}

function run(file: string, args: string[], cwd: string, env = cleanEnv()) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(file, args, { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface Packed {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

describe('the packages as npm publishes them', () => {
  let dir = '';
  let project = '';
  let packed: Packed[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotpath-pack-'));
    project = join(dir, 'app');
    mkdirSync(project);
    // `npm test` builds first; the tarballs hold whatever dist/ has now.
    const pack = await run(
      npm,
      ['pack', '--json', '-w', 'hotpath', '-w', '@hotpath/cli', '--pack-destination', dir],
      root,
    );
    assert.equal(pack.code, 0, pack.stderr);
    packed = JSON.parse(pack.stdout);
  });

  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  test('each tarball holds its built code and package.json, and no sources, tests or build state', () => {
    assert.deepEqual(packed.map((p) => p.name).sort(), ['@hotpath/cli', 'hotpath']);
    for (const { name, files } of packed) {
      const paths = files.map((f) => f.path);
      assert.ok(paths.includes('package.json'), name);
      const stray = paths.filter(
        (path) => path !== 'package.json' && !/^dist\//.test(path) && !/^(README|LICENSE)/i.test(path),
      );
      assert.deepEqual(stray, [], `${name}: only dist/ is published`);
      assert.ok(!paths.some((path) => /\.tsbuildinfo$|\/test\//.test(path)), name);
    }
  });

  test('every export, condition and bin of the packed package.json points at a file in the tarball', () => {
    for (const { name, files } of packed) {
      const paths = new Set(files.map((f) => f.path));
      const manifest = JSON.parse(
        readFileSync(join(root, 'packages', name === 'hotpath' ? 'hotpath' : 'cli', 'package.json'), 'utf8'),
      );
      const targets: string[] = [];
      const collect = (value: unknown) => {
        if (typeof value === 'string') targets.push(value);
        else if (value && typeof value === 'object') Object.values(value).forEach(collect);
      };
      collect(manifest.exports);
      collect(manifest.bin);
      assert.ok(name !== 'hotpath' || targets.length >= 10, 'the exports map was read');
      const missing = targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !paths.has(t));
      assert.deepEqual(missing, [], `${name}: targets that the tarball lacks`);
    }
  });

  test('both install offline into an empty project, where the README example, hotpath run and --help work', async () => {
    const tarballs: Tarball[] = packed.map((p) => ({
      name: p.name,
      version: p.version,
      file: `../${p.filename}`,
    }));
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`])) }, null, 2)}\n`,
    );
    const workspaceLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    writeFileSync(
      join(project, 'package-lock.json'),
      JSON.stringify(offlineLock(workspaceLock, 'app', tarballs), null, 2),
    );
    const install = await run(npm, ['ci', '--offline', '--no-audit', '--no-fund'], project);
    assert.equal(install.code, 0, `npm ci --offline failed:\n${install.stdout}\n${install.stderr}`);

    // The README's example, as app.js of the new project, run the way the README says.
    copyFileSync(join(root, 'examples/wrap.js'), join(project, 'app.js'));
    const monitored = await run(
      process.execPath,
      ['app.js'],
      project,
      cleanEnv({ HOTPATH: '1', HOTPATH_METRICS_PORT: '0' }),
    );
    assert.equal(monitored.code, 0, monitored.stderr);
    assert.match(monitored.stdout, /^done: 20 jobs\n=== Channel Statistics/);
    assert.match(monitored.stdout, /\| jobs +\| bounded\[4\] \| closed \| +20 \| +20 \| +0 \|/);
    assert.match(monitored.stdout, /\| fetchUser +\| +20 \| +0 \| +20 \|/);
    assert.match(monitored.stderr, /\[hotpath\] metrics server listening on http:\/\/127\.0\.0\.1:\d+/);

    const quiet = await run(process.execPath, ['app.js'], project);
    assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, 'done: 20 jobs\n', '']);
    const stub = await run(
      process.execPath,
      ['-C', 'hotpath-off', 'app.js'],
      project,
      cleanEnv({ HOTPATH: '1' }),
    );
    assert.deepEqual([stub.code, stub.stdout], [0, 'done: 20 jobs\n'], 'the hotpath-off condition resolves');

    // The zero-code path: the preload resolves from the installed packages; the report goes to stderr.
    const zeroCode = await run(
      npx,
      ['--offline', 'hotpath', 'run', '--no-console', '--', 'node', 'app.js'],
      project,
    );
    assert.equal(zeroCode.code, 0, zeroCode.stderr);
    assert.equal(zeroCode.stdout, 'done: 20 jobs\n');
    assert.match(zeroCode.stderr, /\| jobs +\| bounded\[4\] \| closed \| +20 \| +20 \| +0 \|/);

    const help = await run(npx, ['--offline', 'hotpath', '--help'], project);
    assert.equal(help.code, 0, help.stderr);
    for (const command of ['hotpath console', 'hotpath mcp', 'hotpath demo'])
      assert.ok(help.stdout.includes(command), command);
  });
});
