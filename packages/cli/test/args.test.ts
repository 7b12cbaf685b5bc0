import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs, UsageError } from '../src/args.ts';

test('console defaults come from the same variables as the library', () => {
  assert.deepEqual(parseArgs(['console'], {}), {
    command: 'console',
    host: '127.0.0.1',
    port: 6770,
    refreshMs: 500,
    limit: 10_000,
    token: null,
  });
  const fromEnv = parseArgs(['console'], {
    HOTPATH_METRICS_HOST: '[::1]',
    HOTPATH_METRICS_PORT: '7000',
    HOTPATH_METRICS_TOKEN: 'tok',
  });
  assert.equal(fromEnv.command === 'console' && fromEnv.host, '::1');
  assert.equal(fromEnv.command === 'console' && fromEnv.port, 7000);
  assert.equal(fromEnv.command === 'console' && fromEnv.token, 'tok');
  const any = parseArgs(['console'], { HOTPATH_METRICS_HOST: '0.0.0.0' });
  assert.equal(
    any.command === 'console' && any.host,
    '127.0.0.1',
    'a server on every interface is reached on loopback',
  );
});

test('flags win over the environment, in both spellings', () => {
  const args = parseArgs(['console', '--host', 'box', '--port=7001', '--refresh-ms', '250'], {
    HOTPATH_METRICS_PORT: '9',
  });
  assert.deepEqual(args.command === 'console' && [args.host, args.port, args.refreshMs], ['box', 7001, 250]);
});

test('bad flags are usage errors naming the flag', () => {
  assert.throws(
    () => parseArgs(['console', '--refresh-ms', '5'], {}),
    /--refresh-ms must be an integer from 100 to 10000/,
  );
  assert.throws(() => parseArgs(['console', '--port'], {}), /--port needs a value/);
  assert.throws(() => parseArgs(['console', '--port', '1', '--port', '2'], {}), /--port given twice/);
  assert.throws(() => parseArgs(['demo', 'now'], {}), UsageError);
  assert.deepEqual(parseArgs(['demo'], {}), { command: 'demo', seconds: 5, refreshMs: 500 });
});

test('a port of 0 in the environment says to pass the port the program printed', () => {
  assert.throws(
    () => parseArgs(['console'], { HOTPATH_METRICS_PORT: '0' }),
    /pass the one it printed .* with --port/,
  );
  assert.throws(
    () => parseArgs(['console'], { HOTPATH_METRICS_PORT: 'x' }),
    /HOTPATH_METRICS_PORT must be an integer/,
  );
  const flagWins = parseArgs(['console', '--port', '7001'], { HOTPATH_METRICS_PORT: '0' });
  assert.equal(flagWins.command === 'console' && flagWins.port, 7001);
});

test('mcp takes the console defaults and token, and --http a loopback port', () => {
  assert.deepEqual(parseArgs(['mcp'], { HOTPATH_METRICS_TOKEN: 'tok' }), {
    command: 'mcp',
    host: '127.0.0.1',
    port: 6770,
    token: 'tok',
    http: null,
  });
  const http = parseArgs(['mcp', '--port', '7000', '--http', '7777'], {});
  assert.equal(http.command === 'mcp' && http.http, 7777);
  assert.throws(() => parseArgs(['mcp', '--http', 'x'], {}), UsageError);
  assert.throws(() => parseArgs(['mcp', '--refresh-ms', '100'], {}), /unknown option --refresh-ms/);
});

test('report, compare and console --replay take files and their own options', () => {
  assert.deepEqual(parseArgs(['report', 'run.gz'], {}), {
    command: 'report',
    path: 'run.gz',
    format: 'table',
  });
  assert.deepEqual(
    parseArgs(['compare', 'a.json', 'b.gz', '--fail-on', 'p95+20%', '--format=markdown'], {}),
    {
      command: 'compare',
      base: 'a.json',
      head: 'b.gz',
      format: 'markdown',
      failOn: 'p95+20%',
    },
  );
  const replay = parseArgs(['console', '--replay', 'run.gz', '--speed', '2.5'], {
    HOTPATH_METRICS_PORT: '0',
  });
  assert.deepEqual(replay.command === 'console' && replay.replay, { path: 'run.gz', speed: 2.5 });
  assert.throws(
    () => parseArgs(['console', '--replay', 'a', '--speed', '0'], {}),
    /--speed must be a number/,
  );
  assert.throws(() => parseArgs(['console', '--speed', '2'], {}), /--speed applies to --replay only/);
  assert.throws(() => parseArgs(['report'], {}), /missing file: hotpath report FILE/);
  assert.throws(() => parseArgs(['compare', 'a'], {}), /missing file: hotpath compare BASE HEAD/);
  assert.throws(() => parseArgs(['report', 'a', 'b'], {}), /unexpected argument "b"/);
  assert.throws(
    () => parseArgs(['report', 'a', '--format', 'csv'], {}),
    /--format must be one of table, json, markdown/,
  );
});
