import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type * as full from '../../src/export/otel.ts';
import * as stub from '../../src/export/otel-off.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Type-level: the stub must be usable wherever the real module is (`tsc --noEmit` checks this line).
const asFull: typeof full = stub;

// These read the built package (npm test builds before it runs the tests), in a process of their own.
const evaluate = (conditions: string[], code: string, env: Record<string, string> = { HOTPATH: '1' }) =>
  execFileSync(process.execPath, [...conditions, '--input-type=module', '-e', code], {
    cwd: packageDir,
    env: { ...process.env, HOTPATH_METRICS_SERVER_OFF: '1', HOTPATH_REPORT: 'off', ...env },
  })
    .toString()
    .trim();

/** A MeterProvider whose in-memory exporter is flushed on demand; prints what a collection received. */
const SETUP = `
  const { MeterProvider, PeriodicExportingMetricReader, InMemoryMetricExporter, AggregationTemporality } =
    await import('@opentelemetry/sdk-metrics');
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const meter = provider.getMeter('test');
  const collect = async () => {
    exporter.reset();
    await reader.forceFlush();
    const points = {};
    for (const rm of exporter.getMetrics())
      for (const sm of rm.scopeMetrics)
        for (const m of sm.metrics)
          for (const p of m.dataPoints) (points[m.descriptor.name] ??= []).push([p.attributes, p.value, m.descriptor.unit]);
    return points;
  };`;

describe('hotpath/otel', () => {
  test('an in-memory exporter receives hotpath.channel.sent with the exact value of a labelled channel', () => {
    const code = `${SETUP}
      const { channel, future } = await import('hotpath');
      const { bounded, unbounded } = await import('hotpath/channels');
      const { register } = await import('hotpath/otel');
      const [tx, rx] = channel(bounded(64), { label: 'orders' });
      for (let i = 0; i < 37; i++) await tx.send(i);
      for (let i = 0; i < 30; i++) await rx.recv();
      const pairs = [channel(unbounded(), { label: 'jobs' }), channel(unbounded(), { label: 'jobs' })];
      for (const [a] of pairs) for (let i = 0; i < 5; i++) await a.send(i);
      await future(Promise.resolve(1), { label: 'lookup' });
      const stop = register(meter);
      const first = await collect();
      for (let i = 0; i < 3; i++) await tx.send(i);
      const second = await collect();
      stop();
      stop();
      for (let i = 0; i < 3; i++) await tx.send(i);
      const afterStop = await collect();
      console.log(JSON.stringify({ first, second, afterStop }));`;
    const { first, second, afterStop } = JSON.parse(evaluate([], code));
    const sent = (points: any, label: string) =>
      points['hotpath.channel.sent'].filter(([at]: any) => at.label === label);
    const orders = sent(first, 'orders');
    assert.equal(orders.length, 1);
    assert.equal(orders[0][1], 37);
    assert.equal(orders[0][0].kind, 'hotpath');
    assert.match(orders[0][0].site, /^\[eval|.+:\d+$/);
    assert.equal(sent(second, 'orders')[0][1], 40, 'read afresh at each collection');
    assert.deepEqual(
      sent(first, 'jobs').map(([, v]: any) => v),
      [10],
      'two instances of one site: one stream of points with their sum',
    );
    const queued = first['hotpath.channel.queued'].find(([at]: any) => at.label === 'orders');
    assert.equal(queued[1], 7);
    const received = first['hotpath.channel.received'].find(([at]: any) => at.label === 'orders');
    assert.equal(received[1], 30);
    const calls = first['hotpath.future.calls'].find(
      ([at]: any) => at.label === 'lookup' && at.state === 'resolved',
    );
    assert.equal(calls[1], 1);
    const delay = first['hotpath.channel.delay'].filter(([at]: any) => at.label === 'orders');
    assert.deepEqual(delay.map(([at]: any) => at.quantile).sort(), ['0.5', '0.95', '0.99']);
    assert.equal(delay[0][2], 's');
    assert.deepEqual(
      first['hotpath.faults'].map(([, v]: any) => v),
      [0],
    );
    // The SDK repeats a cumulative instrument's last points, but hotpath's callback no longer runs.
    assert.equal(sent(afterStop, 'orders')[0]?.[1] ?? 40, 40, 'after stop() nothing new is observed');
  });

  test('a labelled function, a gauge and the runtime reach the exporter with exact values', () => {
    const code = `${SETUP}
      const { measure, gauge } = await import('hotpath');
      const { register } = await import('hotpath/otel');
      const parse = measure((text) => { if (text === 'bad') throw new Error('bad'); return text.length; }, { label: 'parse' });
      for (let i = 0; i < 22; i++) parse('ok');
      for (let i = 0; i < 3; i++) try { parse('bad'); } catch {}
      for (const depth of [5, 12, 3]) gauge('depth', depth);
      register(meter);
      console.log(JSON.stringify(await collect()));`;
    const points = JSON.parse(evaluate([], code));
    const one = (name: string, label: string) => {
      const found = points[name].filter(([at]: any) => at.label === label);
      assert.equal(found.length, 1, `${name} ${label}: ${JSON.stringify(points[name])}`);
      return found[0];
    };
    const [at, calls] = one('hotpath.function.calls', 'parse');
    assert.equal(calls, 25);
    assert.equal(at.kind, 'function');
    assert.equal(one('hotpath.function.errors', 'parse')[1], 3);
    const duration = points['hotpath.function.duration'].filter(([a]: any) => a.label === 'parse');
    assert.deepEqual(duration.map(([a]: any) => a.quantile).sort(), ['0.5', '0.95', '0.99']);
    assert.equal(duration[0][2], 's');
    assert.deepEqual(
      ['hotpath.gauge.value', 'hotpath.gauge.min', 'hotpath.gauge.max', 'hotpath.gauge.updates'].map(
        (name) => one(name, 'depth')[1],
      ),
      [3, 3, 12, 3],
    );
    const heap = points['hotpath.runtime.heap.used'].find(([a]: any) => a.thread === '0');
    assert.ok(heap[1] > 0);
    assert.equal(heap[2], 'By');
    assert.ok(points['hotpath.runtime.rss'][0][1] > 0);
  });

  test('with monitoring off, register() registers nothing on the meter', () => {
    const code = `${SETUP}
      const { register } = await import('hotpath/otel');
      const stop = register(meter);
      stop();
      console.log(JSON.stringify([typeof stop, Object.keys(await collect()).length]));`;
    assert.deepEqual(JSON.parse(evaluate([], code, {})), ['function', 0]);
  });

  test('a wrong argument gets an error naming what was expected', () => {
    const code = `
      const { register } = await import('hotpath/otel');
      try { register({}); } catch (e) { console.log(e.message); }`;
    assert.match(evaluate([], code), /register\(meter\) from hotpath\/otel: expected a Meter/);
  });

  test('the hotpath-off condition resolves to a stub with the same names that imports nothing', () => {
    const keys = "console.log(JSON.stringify(Object.keys(await import('hotpath/otel')).sort()))";
    assert.deepEqual(JSON.parse(evaluate([], keys)), ['register']);
    assert.deepEqual(JSON.parse(evaluate(['-C', 'hotpath-off'], keys)), ['register']);
    const stubText = readFileSync(join(packageDir, 'dist', 'export', 'otel-off.js'), 'utf8');
    assert.equal(/^\s*import\b|\bimport\(/m.test(stubText), false);
    let touched = false;
    const meter = new Proxy(
      {},
      {
        get: () => {
          touched = true;
        },
      },
    );
    asFull.register(meter as never)();
    assert.equal(touched, false);
  });

  test('package.json: "./otel" lists types first, then hotpath-off; the api is an optional peer', () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(pkg.exports['./otel']), ['types', 'hotpath-off', 'default']);
    assert.equal(pkg.peerDependencies['@opentelemetry/api'], '>=1.4.0 <2');
    assert.equal(pkg.peerDependenciesMeta['@opentelemetry/api'].optional, true);
    assert.equal(pkg.dependencies, undefined, 'no runtime dependency');
  });
});
