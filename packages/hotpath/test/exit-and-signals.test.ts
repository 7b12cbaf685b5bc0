import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScript, scenarios } from './helpers/run-script.ts';

/** Starts the script, waits for "ready", sends `signal`, and returns how it ended. */
async function signalWhenReady(env: Record<string, string>, signal: NodeJS.Signals, args: string[] = []) {
  return runScript(scenarios('wait-for-signal.ts'), env, {
    args,
    onSpawn(child) {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) child.kill(signal);
      });
    },
  });
}

describe('the report at exit', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal}: the report prints, then the process dies of the signal as it would have`, async () => {
      const [off, on] = await Promise.all([
        signalWhenReady({}, signal),
        signalWhenReady({ HOTPATH: '1' }, signal),
      ]);
      assert.equal(off.signal, signal);
      assert.equal(on.signal, signal);
      assert.equal(on.code, off.code);
      assert.doesNotMatch(off.stdout, /Statistics/);
      assert.match(on.stdout, /\| waiting \| bounded\[4\] \| active \|\s+1 \|\s+0 \|\s+1 \|/);
    });
  }

  test('a program that handles SIGINT itself keeps its own exit code, and the report still prints', async () => {
    const [off, on] = await Promise.all([
      signalWhenReady({}, 'SIGINT', ['--own-handler']),
      signalWhenReady({ HOTPATH: '1' }, 'SIGINT', ['--own-handler']),
    ]);
    assert.equal(off.code, 3);
    assert.equal(on.code, 3);
    assert.match(on.stdout, /own handler ran\n=== Channel Statistics/);
  });

  for (const how of ['normal', 'exitCode', 'exit', 'throw']) {
    test(`exit by ${how}: same exit code and stderr with monitoring on`, async () => {
      const file = scenarios('exit-code.ts');
      const [off, on] = await Promise.all([
        runScript(file, {}, { args: [how] }),
        runScript(file, { HOTPATH: '1' }, { args: [how] }),
      ]);
      assert.equal(on.code, off.code);
      assert.equal(off.code, { normal: 0, exitCode: 4, exit: 5, throw: 1 }[how]);
      assert.ok(on.stdout.startsWith(off.stdout));
      assert.match(on.stdout, /\| work\s+\| unbounded \| active \|\s+1 \|\s+1 \|\s+0 \|/);
      assert.equal(on.stderr.replace(/\d+ms|:\d+:\d+/g, ''), off.stderr.replace(/\d+ms|:\d+:\d+/g, ''));
    });
  }

  test('HOTPATH_REPORT=json prints one line of Snapshot JSON; off prints nothing', async () => {
    const file = scenarios('exit-code.ts');
    const json = await runScript(file, { HOTPATH: '1', HOTPATH_REPORT: 'json' });
    const last = json.stdout.trimEnd().split('\n').at(-1)!;
    const snapshot = JSON.parse(last);
    assert.equal(snapshot.schemaVersion, 1);
    assert.equal(snapshot.channels[0].label, 'work');
    const quiet = await runScript(file, { HOTPATH: '1', HOTPATH_REPORT: 'off' });
    assert.equal(quiet.stdout, 'did job\n');
  });

  test('a report far larger than the pipe buffer arrives whole', async () => {
    const result = await runScript(scenarios('many-rows.ts'), { HOTPATH: '1' });
    assert.equal(result.code, 0);
    const rows = result.stdout.split('\n').filter((line) => line.startsWith('| row-'));
    assert.equal(rows.length, 3000);
    assert.ok(rows.at(-1)!.startsWith('| row-2999 '));
    // The table's closing border, then only the short runtime section (plain lines, no table rows).
    assert.match(result.stdout, /\+-+\+\n\n=== Runtime [^|]*\n$/, 'the closing border is there');
  });

  test('nothing hotpath starts keeps the process alive', async () => {
    const file = scenarios('active-resources.ts');
    const [off, on] = await Promise.all([runScript(file), runScript(file, { HOTPATH: '1' })]);
    assert.equal(on.code, 0);
    // The guard's timeout timer is the only extra handle, and it is unref'd, so the process still ends.
    const offResources = JSON.parse(off.stdout.split('\n')[0]!);
    const onResources = JSON.parse(on.stdout.split('\n')[0]!);
    assert.deepEqual(
      onResources.filter((r: string) => r !== 'Timeout'),
      offResources.filter((r: string) => r !== 'Timeout'),
    );
    assert.match(on.stdout, /=== Channel Statistics/);
  });

  test('bad environment values: one warning line naming the variable, then the default', async () => {
    const result = await runScript(scenarios('exit-code.ts'), {
      HOTPATH: '1',
      HOTPATH_LOGS_LIMIT: 'lots',
      HOTPATH_REPORT: 'xml',
    });
    assert.equal(result.code, 0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('[hotpath] warning:'));
    assert.equal(warnings.length, 2, result.stderr);
    assert.match(warnings[0]!, /HOTPATH_LOGS_LIMIT="lots" is not an integer from 0 to 100000; using 50/);
    assert.match(
      warnings[1]!,
      /HOTPATH_REPORT="xml" is not one of table, json, json-pretty, off; using table/,
    );
    assert.match(result.stdout, /=== Channel Statistics/);
  });
});
