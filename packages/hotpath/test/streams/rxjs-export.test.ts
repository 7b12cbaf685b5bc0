import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// These read the built package (npm test builds before it runs the tests).
const evaluate = (conditions: string[], code: string) =>
  execFileSync(process.execPath, [...conditions, '--input-type=module', '-e', code], {
    cwd: packageDir,
    env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'off' },
  })
    .toString()
    .trim();

describe('hotpath/rxjs', () => {
  test('the hotpath-off condition resolves to a stub with exactly the same export names', () => {
    const keys = "console.log(JSON.stringify(Object.keys(await import('hotpath/rxjs')).sort()))";
    const full = JSON.parse(evaluate([], keys));
    assert.deepEqual(full, ['monitored', 'stream']);
    assert.deepEqual(JSON.parse(evaluate(['-C', 'hotpath-off'], keys)), full);
  });

  test('the stub is the identity and imports neither rxjs nor any monitoring code', () => {
    const code = `
      const { stream, monitored } = await import('hotpath/rxjs');
      const o = { subscribe() {}, pipe() {} };
      console.log(stream(o) === o, monitored()(o) === o);`;
    assert.equal(evaluate(['-C', 'hotpath-off'], code), 'true true');
    const stub = readFileSync(join(packageDir, 'dist', 'streams', 'rxjs-off.js'), 'utf8');
    assert.equal(/^\s*import\b|\bimport\(/m.test(stub), false);
  });

  test('on, each subscription is one row; unsubscribing early is cancelled', () => {
    const code = `
      const { interval, take } = await import('rxjs');
      const { stream } = await import('hotpath/rxjs');
      const { snapshot } = await import('hotpath');
      const ticks = stream(interval(1), { label: 'ticks' });
      await new Promise((resolve) => ticks.pipe(take(2)).subscribe({ complete: resolve }));
      const sub = ticks.subscribe(() => {});
      await new Promise((resolve) => setTimeout(resolve, 10));
      sub.unsubscribe();
      console.log(JSON.stringify(snapshot().streams.map((r) => [r.label, r.state, r.yielded > 0])));`;
    assert.deepEqual(JSON.parse(evaluate([], code)), [
      ['ticks', 'cancelled', true],
      ['ticks-2', 'cancelled', true],
    ]);
  });

  test('package.json: "./rxjs" lists types first, then hotpath-off', () => {
    const exportsField = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).exports['./rxjs'];
    assert.deepEqual(Object.keys(exportsField), ['types', 'hotpath-off', 'default']);
  });
});
