/**
 * What the preload costs before the program's first line is its budget (30 ms): it must not load parts of
 * Node the program may never use. Three cost more than all of hotpath's startup code: `node:worker_threads`
 * (~3 ms), an ESM import of `node:fs` (its namespace loads Node's 19 stream modules) and `performance`
 * (11 modules of perf_hooks, ~1.5 ms).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function loadedBeforeFirstLine(preload: boolean, env: NodeJS.ProcessEnv): string[] {
  const result = spawnSync(
    process.execPath,
    [
      ...(preload ? ['--import', 'hotpath/register'] : []),
      '-e',
      // Read before `process.stdout`, whose getter loads the stream modules.
      'const loaded = JSON.stringify(process.moduleLoadList); process.stdout.write(loaded)',
    ],
    {
      cwd: packageDir,
      env: { ...process.env, HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'off', ...env },
      encoding: 'utf8',
    },
  );
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as string[];
}

test('the preload loads neither worker_threads, the stream modules nor perf_hooks before the program runs', () => {
  const unwanted = [
    'NativeModule worker_threads',
    'NativeModule stream',
    'NativeModule internal/fs/streams',
    'NativeModule internal/perf/performance',
  ];
  const bare = loadedBeforeFirstLine(false, {});
  for (const name of unwanted)
    assert.ok(!bare.includes(name), `node -e alone loads ${name}: the test is void`);
  for (const auto of [undefined, 'http,fetch,workers', 'none']) {
    const loaded = loadedBeforeFirstLine(true, { HOTPATH: '1', HOTPATH_AUTO: auto });
    assert.ok(loaded.includes('NativeModule diagnostics_channel') || auto === 'none', 'the preload ran');
    assert.deepEqual(
      unwanted.filter((name) => loaded.includes(name)),
      [],
      `HOTPATH_AUTO=${auto ?? '(unset)'}`,
    );
  }
});

test("Node marks a worker thread's process.chdir as disabled: how the preload tells threads apart", () => {
  const seen = (where: string) =>
    `const { isMainThread } = require('node:worker_threads');
     console.log(JSON.stringify(['${where}', isMainThread, process.chdir.disabled === true]));`;
  const script = `${seen('main')}
    new (require('node:worker_threads').Worker)(${JSON.stringify(seen('worker'))}, { eval: true, env: {} });`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(lines, [
    ['main', true, false],
    ['worker', false, true],
  ]);
});
