/**
 * `hotpath mcp` against a real monitored program, driven by the MCP SDK's own client: over stdio and over
 * Streamable HTTP. Counts are exact; a stopped program or a wrong token is a tool error naming why.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startProgram } from '../helpers/program.ts';
import { waitFor } from '../helpers/wait.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/mcp-program.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

type ToolResult = {
  content: { type: string; text: string }[];
  // Absent on a tool error; the tests read it only where the tool succeeded.
  structuredContent: Record<string, unknown>;
  isError?: boolean;
};

const startScenario = (env: Record<string, string> = {}) => startProgram(SCENARIO, env);

async function stdioClient(args: string[], env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'hotpath-test', version: '1.0.0' });
  const { HOTPATH_METRICS_TOKEN: _, ...rest } = process.env;
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', CLI, 'mcp', ...args],
      env: { ...(rest as Record<string, string>), ...env },
      stderr: 'pipe',
    }),
  );
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as ToolResult;
const text = (result: ToolResult) => result.content.map((part) => part.text).join('\n');

describe('hotpath mcp over stdio', () => {
  let program: { child: ChildProcess; port: number };
  let client: Client;
  before(async () => {
    // `jobs` keeps 2 items nobody takes: with a short threshold, consumer-stalled is raised on it.
    program = await startScenario({
      HOTPATH_RUNTIME_INTERVAL_MS: '50',
      // A busy machine may stall the loop while jobs holds items: that lint is tested on its own.
      HOTPATH_LINTS: 'consumer-stalled=300ms,loop-blocked=off',
    });
    client = await stdioClient(['--port', String(program.port)]);
  });
  after(async () => {
    await client?.close();
    program?.child.kill();
  });

  test('tools/list holds every tool, each with an input schema', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name).sort();
    assert.deepEqual(names, [
      'channel_logs',
      'channels',
      'functions',
      'future_calls',
      'futures',
      'gauges',
      'lints',
      'runtime',
      'status',
      'stream_logs',
      'streams',
    ]);
    for (const tool of tools) assert.equal(tool.inputSchema.type, 'object', tool.name);
  });

  test('status says connected, with the program pid', async () => {
    const result = await call(client, 'status');
    assert.equal(result.isError, undefined);
    assert.equal(result.structuredContent.connected, true);
    assert.equal(result.structuredContent.pid, program.child.pid);
    assert.equal(result.structuredContent.channels, 1);
  });

  test('channels returns the labelled channel with exact counts', async () => {
    const result = await call(client, 'channels', { filter: 'jobs' });
    const rows = result.structuredContent.channels as {
      label: string;
      sent: number;
      received: number;
      queued: number;
    }[];
    assert.equal(rows.length, 1);
    assert.deepEqual(
      { label: rows[0]!.label, sent: rows[0]!.sent, received: rows[0]!.received, queued: rows[0]!.queued },
      { label: 'jobs', sent: 5, received: 3, queued: 2 },
    );
    assert.match(text(result), /jobs .*sent 5, received 3, queued 2/);
    const none = await call(client, 'channels', { filter: 'no such label' });
    assert.deepEqual(none.structuredContent.channels, []);
  });

  test('channel_logs returns the logged values, by label and with a limit', async () => {
    const result = await call(client, 'channel_logs', { label: 'jobs' });
    const sent = (result.structuredContent.sentLogs as { message: string }[]).map((entry) => entry.message);
    // A receive is logged by when and which, its value having been logged when sent.
    const received = (result.structuredContent.receivedLogs as { index: number }[]).map(
      (entry) => entry.index,
    );
    assert.deepEqual(sent, ["'epsilon'", "'delta'", "'gamma'", "'beta'", "'alpha'"], 'newest first');
    assert.deepEqual(received, [3, 2, 1]);
    const newest = await call(client, 'channel_logs', { label: 'jobs', limit: 2 });
    assert.deepEqual(
      (newest.structuredContent.sentLogs as { message: string }[]).map((entry) => entry.message),
      ["'epsilon'", "'delta'"],
    );
    const streamLogs = await call(client, 'stream_logs', { label: 'letters' });
    assert.deepEqual(
      (streamLogs.structuredContent.logs as { message: string }[]).map((entry) => entry.message),
      ["'z'", "'y'", "'x'"],
    );
  });

  test('functions and gauges read their views', async () => {
    const functions = await call(client, 'functions', { filter: 'square' });
    const rows = functions.structuredContent.functions as { label: string; calls: number }[];
    assert.deepEqual(
      rows.map((row) => [row.label, row.calls]),
      [['square', 7]],
    );
    const gauges = await call(client, 'gauges');
    assert.match(text(gauges), /workers \[gauge\]: 4 after 1 updates/);
  });

  test('lints names the stalled consumer of jobs, per site row; a lint filter that matches nothing says so', async () => {
    const result = await waitFor(
      'consumer-stalled on jobs',
      async () => {
        const answer = await call(client, 'lints');
        return (answer.structuredContent.lints as { lint: string }[]).length > 0 ? answer : null;
      },
      30_000,
    );
    const lints = result.structuredContent.lints as { lint: string; label: string; kind: string }[];
    assert.deepEqual(
      lints.map((lint) => [lint.lint, lint.label, lint.kind]),
      [['consumer-stalled', 'jobs', 'channel']],
    );
    assert.match(text(result), /^1 warning\(s\), as of /);
    assert.match(text(result), /\[consumer-stalled\] jobs: 2 item\(s\) queued and nothing received for /);
    const none = await call(client, 'lints', { lint: 'channel-full' });
    assert.equal(none.isError, undefined);
    assert.deepEqual(none.structuredContent.lints, []);
    assert.match(text(none), /^no warnings of channel-full/);
    // Rows listed for an agent carry no history lists.
    const channels = await call(client, 'channels', { filter: 'jobs' });
    assert.equal('history' in (channels.structuredContent.channels as object[])[0]!, false);
  });

  test('runtime reads the event loop, heap and threads of the program', async () => {
    const result = await call(client, 'runtime');
    assert.equal(result.isError, undefined, text(result));
    const stats = result.structuredContent as {
      heap: { usedBytes: number; limitBytes: number };
      rssBytes: number;
      threads: { threadId: number; name: string }[];
    };
    assert.ok(stats.heap.usedBytes > 0 && stats.heap.usedBytes < stats.heap.limitBytes);
    assert.ok(stats.rssBytes > 0);
    assert.equal(stats.threads[0]?.name, 'main');
    assert.match(text(result), /^event loop: delay p50 .*utilisation \d+%$/m);
    assert.match(text(result), /^heap: .* used of .*; rss /m);
    assert.match(text(result), /^ {2}#0 main: utilisation \d+%/m);
  });

  test('an unknown label or a bad argument is a tool error saying so', async () => {
    const missing = await call(client, 'channel_logs', { label: 'nope' });
    assert.equal(missing.isError, true);
    assert.match(text(missing), /no channel labelled "nope"/);
  });

  test('once the program stops, status says so and the other tools are tool errors naming why', async () => {
    const stopped = await startScenario();
    const watcher = await stdioClient(['--port', String(stopped.port)]);
    try {
      stopped.child.kill();
      await new Promise((resolve) => stopped.child.once('exit', resolve));
      const status = await call(watcher, 'status');
      assert.equal(status.isError, undefined);
      assert.equal(status.structuredContent.connected, false);
      assert.match(
        text(status),
        /nothing is listening on 127\.0\.0\.1:\d+ — start your program with HOTPATH=1/,
      );
      for (const name of ['channels', 'streams', 'futures', 'runtime', 'channel_logs']) {
        const result = await call(watcher, name, name === 'channel_logs' ? { id: 1 } : {});
        assert.equal(result.isError, true, name);
        assert.match(text(result), /nothing is listening on/, name);
      }
    } finally {
      await watcher.close();
    }
  });

  test('a missing or wrong token is a tool error naming which; the right one connects', async () => {
    const secured = await startScenario({ HOTPATH_METRICS_TOKEN: 'right' });
    const port = String(secured.port);
    try {
      for (const [env, reason] of [
        [{}, /wants a token — set HOTPATH_METRICS_TOKEN/],
        [{ HOTPATH_METRICS_TOKEN: 'wrong' }, /refused the token/],
      ] as const) {
        const watcher = await stdioClient(['--port', port], env);
        try {
          const result = await call(watcher, 'channels');
          assert.equal(result.isError, true);
          assert.match(text(result), reason);
        } finally {
          await watcher.close();
        }
      }
      const allowed = await stdioClient(['--port', port], { HOTPATH_METRICS_TOKEN: 'right' });
      try {
        assert.equal((await call(allowed, 'status')).structuredContent.connected, true);
      } finally {
        await allowed.close();
      }
    } finally {
      secured.child.kill();
    }
  });
});

test('hotpath mcp --http serves the same tools over Streamable HTTP on loopback', async () => {
  const program = await startScenario();
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'mcp', '--port', String(program.port), '--http', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  server.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const client = new Client({ name: 'hotpath-test', version: '1.0.0' });
  try {
    const url = await waitFor(
      'the HTTP endpoint',
      () => /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr)?.[1],
      20_000,
    );
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const result = await call(client, 'channels', { sort: 'sent' });
    const rows = result.structuredContent.channels as { label: string; sent: number }[];
    assert.deepEqual(
      rows.map((row) => [row.label, row.sent]),
      [['jobs', 5]],
    );
  } finally {
    await client.close();
    server.kill();
    program.child.kill();
  }
});

/** Prints every module resolved from the MCP SDK or Ink, from Node's module hooks. */
const RECORD_LOADS = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(
  'data:text/javascript,export async function resolve(s, c, next) { const r = await next(s, c); if (/modelcontextprotocol|node_modules.ink.build/.test(r.url)) console.log("LOADED " + r.url); return r; }',
)});`;
const BUILT_CLI = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

function loads(args: string[], stdin: string): string[] {
  const run = spawnSync(process.execPath, ['--import', RECORD_LOADS, BUILT_CLI, ...args], {
    encoding: 'utf8',
    input: stdin,
    timeout: 4000,
  });
  return run.stdout.split('\n').filter((line) => line.startsWith('LOADED '));
}

test('the console never loads the MCP SDK; hotpath mcp does', () => {
  const consoleLoads = loads(['console', '--port', '1'], '');
  assert.ok(
    consoleLoads.some((line) => line.includes('ink')),
    'the console ran (it loaded Ink)',
  );
  assert.deepEqual(
    consoleLoads.filter((line) => line.includes('modelcontextprotocol')),
    [],
  );
  assert.deepEqual(loads(['--help'], ''), []);
  const mcpLoads = loads(['mcp', '--port', '1'], '');
  assert.ok(mcpLoads.some((line) => line.includes('modelcontextprotocol')));
  assert.ok(!mcpLoads.some((line) => line.includes('ink')), 'nor does hotpath mcp load the console');
});
