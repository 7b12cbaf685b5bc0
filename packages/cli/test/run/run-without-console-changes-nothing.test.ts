/**
 * `hotpath run --no-console` against the same program run raw: the program's stdout is byte for byte the
 * same, its stderr is the same followed only by hotpath's report, and its exit code passes through.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAIN, requireBuild } from '../helpers/demo.ts';

const FLOW = fileURLToPath(new URL('../fixtures/run/flow.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** The line of the fixture where `text` first appears: rows are labelled by the line that made them. */
function lineOf(text: string): number {
  return (
    readFileSync(FLOW, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = REPO) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, HOTPATH: undefined, HOTPATH_AUTO: undefined, NODE_OPTIONS: undefined, ...env },
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function hotpathRun(args: string[], env: NodeJS.ProcessEnv = {}, cwd = REPO) {
  requireBuild();
  return run(process.execPath, [MAIN, 'run', '--no-console', '--', ...args], env, cwd);
}

/** The report `hotpath run` printed after the program's own stderr, as JSON. */
function reportAfter(raw: Buffer, monitored: Buffer) {
  assert.ok(monitored.subarray(0, raw.length).equals(raw), "the program's stderr comes first, unchanged");
  const report = monitored.subarray(raw.length).toString();
  return JSON.parse(report) as {
    futures: {
      label: string;
      kind: string;
      threadId?: number;
      calls: number;
      resolved: number;
      statusClasses?: Record<string, number>;
    }[];
    channels: { label: string; sent: number; received: number; instances?: number }[];
  };
}

describe('hotpath run --no-console', () => {
  const raw = run(process.execPath, [FLOW]);

  test('the program alone: exit code 7 and its own output', () => {
    assert.equal(raw.status, 7);
    assert.match(raw.stdout.toString(), /^fetch 200 POST \/users\/1 1\n/);
    assert.match(raw.stdout.toString(), /\nworker exited with 0\n/);
    assert.match(raw.stdout.toString(), /pipeline 200 lines, last "LINE 199\\n"\n$/);
  });

  for (const auto of ['http,fetch,workers', 'http,fetch,streams']) {
    test(`HOTPATH_AUTO=${auto}: same stdout bytes, same stderr then the report, same exit code, exact rows`, () => {
      const monitored = hotpathRun(['node', FLOW], { HOTPATH_AUTO: auto, HOTPATH_REPORT: 'json' });
      assert.equal(monitored.status, 7);
      assert.ok(monitored.stdout.equals(raw.stdout), 'stdout byte for byte');
      const report = reportAfter(raw.stderr, monitored.stderr);
      const row = (label: string) => report.futures.find((r) => r.label === label);
      assert.deepEqual(
        { ...row('POST /users/:id'), id: 0, duration: null },
        {
          ...row('POST /users/:id'),
          id: 0,
          duration: null,
          kind: 'http-server',
          calls: 5,
          resolved: 5,
          statusClasses: { '1xx': 0, '2xx': 5, '3xx': 0, '4xx': 0, '5xx': 0 },
        },
      );
      assert.equal(row('GET /missing')?.statusClasses?.['4xx'], 1);
      assert.equal(row('GET /orders/:id')?.calls, 3);
      const fetches = report.futures.filter(
        (r) => r.kind === 'http-client' && /^POST http:\/\/127\.0\.0\.1:\d+$/.test(r.label),
      );
      assert.equal(fetches.length, 1);
      assert.equal(fetches[0]!.calls, 5);
      const gets = report.futures.filter((r) => /^GET http:\/\/127\.0\.0\.1:\d+\/orders\/:id$/.test(r.label));
      assert.equal(gets[0]?.calls, 3);
      // The worker thread's fetches reach the first process over the runtime's bridge, with its thread id.
      const fromWorker = report.futures.filter((r) => r.threadId !== undefined);
      if (auto.includes('workers')) {
        assert.deepEqual(
          fromWorker.map((r) => [r.kind, r.label.replace(/:\d+$/, ':PORT'), r.calls, r.resolved]),
          [['http-client', 'GET http://127.0.0.1:PORT', 4, 4]],
        );
        assert.equal(row('GET /work/:id')?.calls, 4, 'served by the main thread');
      } else assert.deepEqual(fromWorker, [], 'without workers, a worker is left alone');
      if (auto.includes('streams')) {
        // The pipeline's stages, by the line that made them: 200 lines in, 200 out of the transform.
        const source = report.channels.find(
          (r) => r.label === `run/flow.mjs:${lineOf('Readable.from(')} Readable`,
        );
        const upper = report.channels.find(
          (r) => r.label === `run/flow.mjs:${lineOf('new Transform(')} Transform`,
        );
        assert.ok(source && upper, `pipeline rows in ${report.channels.map((r) => r.label).join(', ')}`);
        assert.equal(source.sent, 200);
        assert.equal(upper.sent, 200);
        assert.equal(upper.received, 200);
      } else {
        assert.deepEqual(report.channels, []);
      }
    });
  }

  test('HOTPATH_AUTO=none: the program runs monitored with no rows and no report', () => {
    const monitored = hotpathRun(['node', FLOW], { HOTPATH_AUTO: 'none' });
    assert.equal(monitored.status, 7);
    assert.ok(monitored.stdout.equals(raw.stdout));
    assert.ok(monitored.stderr.equals(raw.stderr));
  });

  test('npm run <script> and npx tsx <file.ts>: the program behind the launcher is the one monitored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotpath-run-npm-'));
    try {
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name: 'probe', private: true, scripts: { flow: `node ${JSON.stringify(FLOW)}` } }),
      );
      const viaNpm = hotpathRun(['npm', 'run', '--silent', 'flow'], { HOTPATH_REPORT: 'json' }, dir);
      assert.equal(viaNpm.status, 7);
      assert.ok(viaNpm.stdout.equals(raw.stdout), 'npm --silent adds nothing to stdout');
      assert.equal(
        reportAfter(raw.stderr, viaNpm.stderr).futures.find((r) => r.label === 'POST /users/:id')?.calls,
        5,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const viaTsx = hotpathRun(['npx', '--no-install', 'tsx', FLOW], { HOTPATH_REPORT: 'json' });
    assert.equal(viaTsx.status, 7);
    assert.ok(viaTsx.stdout.equals(raw.stdout));
    assert.equal(
      reportAfter(raw.stderr, viaTsx.stderr).futures.find((r) => r.label === 'GET /orders/:id')?.calls,
      3,
    );
  });

  test('a command that is not found, or not Node: one line and a non-zero exit, nothing run', () => {
    const missing = hotpathRun(['no-such-command-hotpath']);
    assert.equal(missing.status, 127);
    assert.equal(missing.stdout.length, 0);
    assert.equal(missing.stderr.toString(), 'hotpath run: command not found: no-such-command-hotpath\n');
    const notNode = hotpathRun(['ls', '/']);
    assert.equal(notNode.status, 126);
    assert.equal(notNode.stdout.length, 0, 'ls did not run');
    assert.match(notNode.stderr.toString(), /^hotpath run: ls is not a Node\.js program \(.*\); [^\n]*\n$/);
  });
});
