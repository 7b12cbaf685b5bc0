import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readConfig } from '../../src/config.ts';
import { LINT_DEFAULTS, LINT_NAMES, parseDuration } from '../../src/lints/names.ts';

function lintsOf(value: string) {
  const warnings: string[] = [];
  const config = readConfig({ HOTPATH: '1', HOTPATH_LINTS: value }, (w) => warnings.push(w));
  return { lints: config.lints, warnings };
}

describe('HOTPATH_LINTS', () => {
  test('unset: every lint on at its documented default', () => {
    const { lints, warnings } = lintsOf('');
    assert.deepEqual(warnings, []);
    assert.deepEqual(lints, LINT_DEFAULTS);
    assert.equal(lints['channel-full'], 10_000);
    assert.equal(lints['consumer-stalled'], 5_000);
    assert.equal(lints['queue-growing'], 30_000);
    assert.equal(lints['future-pending'], 30_000);
    assert.equal(lints['stream-unconsumed'], 5_000);
    assert.equal(lints['loop-blocked'], 100);
  });

  test('name=off, name=<duration> in ms, s and m, and spaces and case ignored', () => {
    const { lints, warnings } = lintsOf(
      ' Channel-Full=3s , future-pending=500ms,queue-growing=2m,emitter-leak=off ',
    );
    assert.deepEqual(warnings, []);
    assert.equal(lints['channel-full'], 3000);
    assert.equal(lints['future-pending'], 500);
    assert.equal(lints['queue-growing'], 120_000);
    assert.equal(lints['emitter-leak'], null);
    assert.equal(lints['consumer-stalled'], 5_000);
  });

  test('all=off turns every lint off, wherever it is written; a later name=<duration> turns one back on', () => {
    const { lints, warnings } = lintsOf('future-pending=2s,all=off');
    assert.deepEqual(warnings, []);
    for (const name of LINT_NAMES) assert.equal(lints[name], name === 'future-pending' ? 2000 : null);
  });

  test('each bad entry: one line naming HOTPATH_LINTS and the entry; the rest still applies', () => {
    const { lints, warnings } = lintsOf(
      'channel-full=soon,no-such-lint=off,future-lost=3s,stalled,consumer-stalled=1s',
    );
    assert.equal(warnings.length, 4);
    for (const warning of warnings) {
      assert.match(warning, /^HOTPATH_LINTS entry "/);
      assert.doesNotMatch(warning, /\n/);
    }
    assert.match(warnings[0]!, /"channel-full=soon".*not off, on or a duration/);
    assert.match(warnings[1]!, /"no-such-lint=off" names no lint/);
    assert.match(warnings[2]!, /future-lost is only on or off/);
    assert.equal(lints['channel-full'], 10_000, 'the default stays');
    assert.equal(lints['consumer-stalled'], 1000, 'the good entry applies');
  });

  test('monitoring off: HOTPATH_LINTS is not read, so it never warns', () => {
    const warnings: string[] = [];
    readConfig({ HOTPATH_LINTS: 'nonsense' }, (w) => warnings.push(w));
    assert.deepEqual(warnings, []);
  });

  test('durations: positive, with a unit', () => {
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('250ms'), 250);
    for (const bad of ['5', '0s', '-1s', 's', '1h', '1e3ms']) assert.equal(parseDuration(bad), null, bad);
  });
});
