import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readConfig } from '../src/config.ts';
import { defaultLintSettings } from '../src/lints/names.ts';

function read(env: Record<string, string>) {
  const warnings: string[] = [];
  return { config: readConfig(env, (w) => warnings.push(w)), warnings };
}

describe('readConfig', () => {
  test('HOTPATH switches on for 1, true, on, yes in any case', () => {
    for (const value of ['1', 'true', 'TRUE', 'On', 'yes', ' yes '])
      assert.equal(read({ HOTPATH: value }).config.enabled, true);
    for (const value of ['0', 'false', 'off', 'no', '']) {
      const { config, warnings } = read({ HOTPATH: value });
      assert.equal(config.enabled, false);
      assert.deepEqual(warnings, []);
    }
  });

  test('a bad HOTPATH warns and stays off', () => {
    const { config, warnings } = read({ HOTPATH: 'maybe' });
    assert.equal(config.enabled, false);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^HOTPATH="maybe"/);
  });

  test('off: nothing else is read, so nothing else warns', () => {
    const { config, warnings } = read({ HOTPATH_METRICS_PORT: 'x', HOTPATH_REPORT: 'x' });
    assert.equal(config.metricsPort, 6770);
    assert.deepEqual(warnings, []);
  });

  test('defaults', () => {
    const { config, warnings } = read({ HOTPATH: '1' });
    assert.deepEqual(warnings, []);
    assert.deepEqual(config, {
      enabled: true,
      metricsPort: 6770,
      metricsHost: '127.0.0.1',
      metricsServerOff: false,
      metricsToken: null,
      metricsSeriesLimit: 2000,
      logsLimit: 50,
      report: 'table',
      reportRows: 'site',
      futurePolls: false,
      runtimeIntervalMs: 1000,
      noColor: false,
      focus: null,
      timeExclusive: false,
      lints: defaultLintSettings(),
      record: null,
      recordMaxMb: 100,
      recordIntervalMs: 1000,
      auto: new Set(['http', 'fetch', 'workers']),
    });
  });

  test('every variable is parsed', () => {
    const { config, warnings } = read({
      HOTPATH: '1',
      HOTPATH_METRICS_PORT: '0',
      HOTPATH_METRICS_HOST: '[::1]',
      HOTPATH_METRICS_SERVER_OFF: 'true',
      HOTPATH_METRICS_TOKEN: 's3cret',
      HOTPATH_METRICS_SERIES_LIMIT: '500',
      HOTPATH_LOGS_LIMIT: '7',
      HOTPATH_REPORT: 'JSON-pretty',
      HOTPATH_REPORT_ROWS: 'Instance',
      HOTPATH_FUTURE_POLLS: 'on',
      HOTPATH_RUNTIME_INTERVAL_MS: '250',
      HOTPATH_FOCUS: ' api/ ',
      HOTPATH_TIME_EXCLUSIVE: 'yes',
      HOTPATH_LINTS: 'all=off,channel-full=3s',
      HOTPATH_RECORD: ' run.hotpath.gz ',
      HOTPATH_RECORD_MAX_MB: '0.5',
      HOTPATH_RECORD_INTERVAL_MS: '200',
      NO_COLOR: '1',
      HOTPATH_AUTO: 'streams, HTTP',
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(config, {
      enabled: true,
      metricsPort: 0,
      metricsHost: '::1',
      metricsServerOff: true,
      metricsToken: 's3cret',
      metricsSeriesLimit: 500,
      logsLimit: 7,
      report: 'json-pretty',
      reportRows: 'instance',
      futurePolls: true,
      runtimeIntervalMs: 250,
      noColor: true,
      focus: 'api/',
      timeExclusive: true,
      lints: {
        'channel-full': 3000,
        'consumer-stalled': null,
        'queue-growing': null,
        'future-pending': null,
        'future-lost': null,
        'stream-unconsumed': null,
        'loop-blocked': null,
        'emitter-leak': null,
        'pipeline-bottleneck': null,
      },
      record: 'run.hotpath.gz',
      recordMaxMb: 0.5,
      recordIntervalMs: 200,
      auto: new Set(['streams', 'http']),
    });
  });

  test('HOTPATH_AUTO=none turns every automatic instrumentation off', () => {
    const { config, warnings } = read({ HOTPATH: '1', HOTPATH_AUTO: ' None ' });
    assert.deepEqual(warnings, []);
    assert.equal(config.auto.size, 0);
  });

  test('bad values: one warning naming the variable each, then the default', () => {
    const { config, warnings } = read({
      HOTPATH: '1',
      HOTPATH_METRICS_PORT: '70000',
      HOTPATH_METRICS_HOST: 'http://x y',
      HOTPATH_LOGS_LIMIT: '-1',
      HOTPATH_REPORT: 'csv',
      HOTPATH_REPORT_ROWS: 'rows',
      HOTPATH_FUTURE_POLLS: 'sometimes',
      HOTPATH_METRICS_SERIES_LIMIT: '10',
      HOTPATH_RUNTIME_INTERVAL_MS: '5',
      HOTPATH_RECORD_MAX_MB: '0',
      HOTPATH_RECORD_INTERVAL_MS: 'fast',
      HOTPATH_AUTO: 'http,sockets',
    });
    assert.equal(config.recordMaxMb, 100);
    assert.equal(config.recordIntervalMs, 1000);
    assert.equal(config.runtimeIntervalMs, 1000);
    assert.equal(config.metricsPort, 6770);
    assert.equal(config.metricsHost, '127.0.0.1');
    assert.equal(config.logsLimit, 50);
    assert.equal(config.report, 'table');
    assert.equal(config.reportRows, 'site');
    assert.equal(config.futurePolls, false);
    assert.equal(config.metricsSeriesLimit, 2000);
    assert.deepEqual([...config.auto], ['http', 'fetch', 'workers']);
    assert.deepEqual(
      warnings.map((w) => w.split('=')[0]),
      [
        'HOTPATH_METRICS_PORT',
        'HOTPATH_METRICS_HOST',
        'HOTPATH_METRICS_SERIES_LIMIT',
        'HOTPATH_LOGS_LIMIT',
        'HOTPATH_REPORT',
        'HOTPATH_REPORT_ROWS',
        'HOTPATH_FUTURE_POLLS',
        'HOTPATH_RUNTIME_INTERVAL_MS',
        'HOTPATH_AUTO',
        'HOTPATH_RECORD_MAX_MB',
        'HOTPATH_RECORD_INTERVAL_MS',
      ],
    );
  });
});
