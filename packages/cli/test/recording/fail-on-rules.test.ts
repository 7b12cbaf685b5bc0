import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRules, percentChange, trips } from '../../src/recording/rules.ts';

test('--fail-on rules: a metric, a direction and a percentage each', () => {
  const [p95, calls] = parseRules('p95+20%, calls-10%');
  assert.deepEqual(p95, { metric: 'p95', direction: '+', percent: 20, text: 'p95+20%' });
  assert.equal(calls!.direction, '-');
  assert.equal(trips(p95!, 10, 12.5), true);
  assert.equal(trips(p95!, 10, 12), false, 'exactly +20% is not past +20%');
  assert.equal(trips(p95!, 10, 5), false);
  assert.equal(trips(calls!, 100, 89), true);
  assert.equal(trips(calls!, 100, 95), false);
  assert.equal(trips(calls!, 100, 200), false);
});

test('from zero: any rise is infinite, so it trips a rising rule; zero to zero is no change', () => {
  const [errors] = parseRules('errors+0%');
  assert.equal(trips(errors!, 0, 1), true);
  assert.equal(trips(errors!, 0, 0), false);
  assert.equal(percentChange(0, 0), 0);
});

test('bad rules name the part that is wrong and the metrics there are', () => {
  assert.throws(() => parseRules('p95+20'), /"p95\+20" is not a rule like p95\+20%.*calls, rate, errors/);
  assert.throws(() => parseRules('latency+5%'), /"latency\+5%"/);
  assert.throws(() => parseRules(' , '), /at least one rule/);
});
