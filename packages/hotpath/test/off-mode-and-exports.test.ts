import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { runScript, scenarios } from './helpers/run-script.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('monitoring off', () => {
  test('every wrapper is the identity and nothing is installed', async () => {
    const result = await runScript(scenarios('off-mode.ts'));
    assert.deepEqual(JSON.parse(result.stdout), {
      enabled: false,
      samePair: true,
      sameOneshot: true,
      sameStream: true,
      futureOfPromise: 7,
      futureOfThunk: 8,
      exitListenersAdded: 0,
      sigintListenersAdded: 0,
      channelsInSnapshot: 0,
    });
    assert.equal(result.stderr, '');
  });

  test('on, channel() still hands back the very same pair', async () => {
    const result = JSON.parse(
      (await runScript(scenarios('off-mode.ts'), { HOTPATH: 'On' })).stdout.split('\n')[0]!,
    );
    assert.equal(result.enabled, true);
    assert.equal(result.samePair, true);
    assert.equal(result.sameOneshot, true);
    assert.equal(result.channelsInSnapshot, 2);
  });
});

describe('the hotpath-off export condition', () => {
  // These read the built package (npm test builds before it runs the tests).
  const keys = (conditions: string[]) =>
    execFileSync(
      process.execPath,
      [
        ...conditions,
        '--input-type=module',
        '-e',
        "console.log(JSON.stringify(Object.keys(await import('hotpath')).sort()))",
      ],
      { cwd: packageDir, env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_SERVER_OFF: '1' } },
    ).toString();

  test('resolves to a stub with exactly the same export names', () => {
    const full = JSON.parse(keys([]));
    const stub = JSON.parse(keys(['-C', 'hotpath-off']));
    assert.ok(full.includes('channel') && full.includes('snapshot'));
    assert.deepEqual(stub, full);
  });

  test('the stub is really the stub: monitoring stays off even with HOTPATH=1', () => {
    const enabled = execFileSync(
      process.execPath,
      ['-C', 'hotpath-off', '--input-type=module', '-e', "console.log((await import('hotpath')).enabled)"],
      { cwd: packageDir, env: { ...process.env, HOTPATH: '1' } },
    ).toString();
    assert.equal(enabled.trim(), 'false');
  });

  test('types: both conditions resolve to one declaration file', () => {
    const resolve = (customConditions: string[]) =>
      ts.resolveModuleName(
        'hotpath',
        join(packageDir, 'test', 'consumer.ts'),
        {
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
          customConditions,
        },
        ts.sys,
      ).resolvedModule?.resolvedFileName;
    const full = resolve([]);
    assert.ok(full?.endsWith('dist/index.d.ts'), String(full));
    assert.equal(resolve(['hotpath-off']), full);
    const exportsField = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).exports['.'];
    assert.deepEqual(
      Object.keys(exportsField),
      ['types', 'hotpath-off', 'default'],
      '"types" must come first',
    );
  });
});
