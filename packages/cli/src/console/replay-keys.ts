import type { ReplayControls } from '../replay/source.js';
import type { KeyFlags } from './state.js';

/**
 * The keys of a replay: space or p, ←/→, [ ], and g followed by a time. `typed` is the time typed after
 * `g` so far (null when none is being typed). Returns null when the key is not a replay key; otherwise
 * what `typed` is after it.
 */
export function replayKey(
  controls: ReplayControls,
  typed: string | null,
  editingFilter: boolean,
  input: string,
  key: KeyFlags,
): { typed: string | null } | null {
  if (typed !== null) {
    if (key.return) {
      const ms = parseTime(typed);
      if (ms !== null) controls.seek(ms);
      return { typed: null };
    }
    if (key.escape) return { typed: null };
    if (key.backspace || key.delete) return { typed: typed.slice(0, -1) };
    if (/^[0-9.:]$/.test(input)) return { typed: typed + input };
    return { typed };
  }
  if (editingFilter || key.ctrl) return null;
  if (input === ' ' || input === 'p' || input === 'P') controls.togglePlay();
  else if (key.leftArrow) controls.step(-1);
  else if (key.rightArrow) controls.step(1);
  else if (input === '[') controls.changeSpeed(-1);
  else if (input === ']') controls.changeSpeed(1);
  else if (input === 'g') return { typed: '' };
  else return null;
  return { typed: null };
}

/** `12.5` seconds, or `1:30` minutes and seconds, in milliseconds; null when it is neither. */
export function parseTime(text: string): number | null {
  const match = /^(?:(\d+):)?(\d+(?:\.\d*)?)$/.exec(text.trim());
  if (match === null) return null;
  return (Number(match[1] ?? 0) * 60 + Number(match[2])) * 1000;
}
