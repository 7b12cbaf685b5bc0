import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTime, replayKey } from '../../src/console/replay-keys.ts';
import type { KeyFlags } from '../../src/console/state.ts';
import type { ReplayControls } from '../../src/replay/source.ts';

function recorder() {
  const calls: string[] = [];
  const controls = {
    togglePlay: () => calls.push('play'),
    step: (by: number) => calls.push(`step ${by}`),
    changeSpeed: (by: number) => calls.push(`speed ${by}`),
    seek: (ms: number) => calls.push(`seek ${ms}`),
  } as unknown as ReplayControls;
  return { calls, controls };
}

test('g, a time and Enter seek; Escape gives up; Backspace takes back a character', () => {
  const { calls, controls } = recorder();
  let typed: string | null = null;
  const press = (input: string, key: KeyFlags = {}) => {
    const handled = replayKey(controls, typed, false, input, key);
    assert.notEqual(handled, null, `"${input}" is a replay key here`);
    typed = handled!.typed;
  };
  for (const input of ['g', '1', ':', '3', '5', 'x']) press(input);
  assert.equal(typed, '1:35', 'a character that is not part of a time is ignored');
  press('', { backspace: true });
  press('0');
  press('', { return: true });
  assert.equal(typed, null);
  press('g');
  press('9');
  press('', { escape: true });
  assert.equal(typed, null);
  assert.deepEqual(calls, ['seek 90000']);
});

test('space, arrows and brackets drive the replay, except while the filter is being typed', () => {
  const { calls, controls } = recorder();
  for (const [input, key] of [
    [' ', {}],
    ['', { leftArrow: true }],
    ['', { rightArrow: true }],
    ['[', {}],
    [']', {}],
  ] as const)
    assert.deepEqual(replayKey(controls, null, false, input, key), { typed: null });
  assert.deepEqual(calls, ['play', 'step -1', 'step 1', 'speed -1', 'speed 1']);
  assert.equal(replayKey(controls, null, true, ' ', {}), null, 'a space typed into the filter');
  assert.equal(replayKey(controls, null, false, 'j', {}), null, 'not a replay key');
  assert.equal(calls.length, 5);
});

test('times are seconds or minutes:seconds', () => {
  assert.deepEqual(['12.5', '1:30', ' 0 ', '1:', 'abc', ''].map(parseTime), [
    12_500,
    90_000,
    0,
    null,
    null,
    null,
  ]);
});
