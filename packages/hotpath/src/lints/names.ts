/** The lints hotpath knows, and what each one's setting in `HOTPATH_LINTS` means by default. */

export const LINT_NAMES = [
  'channel-full',
  'consumer-stalled',
  'queue-growing',
  'future-pending',
  'future-lost',
  'stream-unconsumed',
  'loop-blocked',
  'emitter-leak',
  'pipeline-bottleneck',
] as const;

export type LintName = (typeof LINT_NAMES)[number];

/**
 * Each lint's threshold in milliseconds (what `name=<duration>` sets), or null when it is off.
 * - `channel-full`: the window; full in at least 80 % of its samples.
 * - `consumer-stalled`: how long items wait with nothing received.
 * - `queue-growing`: the window over which an unbounded queue keeps rising.
 * - `future-pending`: how long one call may stay pending.
 * - `future-lost`: no duration (a lost promise is a fact, not a trend); 0.
 * - `stream-unconsumed`: how long a stream may exist with nothing pulled.
 * - `loop-blocked`: the event-loop delay that counts as blocked.
 * - `emitter-leak`: how long an event name's listeners must stay past the emitter's limit.
 * - `pipeline-bottleneck`: the window over which a stage of a chain must stay backed up.
 */
export type LintSettings = Record<LintName, number | null>;

export const LINT_DEFAULTS: Readonly<Record<LintName, number>> = {
  'channel-full': 10_000,
  'consumer-stalled': 5_000,
  'queue-growing': 30_000,
  'future-pending': 30_000,
  'future-lost': 0,
  'stream-unconsumed': 5_000,
  'loop-blocked': 100,
  'emitter-leak': 1_000,
  'pipeline-bottleneck': 10_000,
};

/** Lints whose setting is on or off only. */
export const TAKES_NO_DURATION: ReadonlySet<LintName> = new Set(['future-lost']);

export function defaultLintSettings(): LintSettings {
  return { ...LINT_DEFAULTS };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `500ms`, `3s`, `1.5s`, `2m` in milliseconds; null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim().toLowerCase());
  if (match === null) return null;
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  return Number.isFinite(ms) && ms > 0 && ms <= 86_400_000 ? ms : null;
}

/**
 * `HOTPATH_LINTS`: comma-separated `name=off`, `name=on` or `name=<duration>`, and `all=off` / `all=on`
 * (applied first, wherever it is written). Each entry that makes no sense is reported through `warn` and
 * skipped; the others still apply.
 */
export function parseLintSettings(raw: string, warn: (message: string) => void): LintSettings {
  const settings = defaultLintSettings();
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const ordered = [
    ...entries.filter((e) => e.toLowerCase().startsWith('all=')),
    ...entries.filter((e) => !e.toLowerCase().startsWith('all=')),
  ];
  for (const entry of ordered) {
    const problem = applyEntry(settings, entry);
    if (problem !== null)
      warn(
        `HOTPATH_LINTS entry ${JSON.stringify(entry)} ${problem}; expected name=off, name=on or name=<duration like 3s or 500ms> with name one of all, ${LINT_NAMES.join(', ')}`,
      );
  }
  return settings;
}

function applyEntry(settings: LintSettings, entry: string): string | null {
  const at = entry.indexOf('=');
  if (at < 0) return 'has no "="';
  const name = entry.slice(0, at).trim().toLowerCase();
  const value = entry
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (name === 'all') {
    if (value !== 'off' && value !== 'on') return 'sets all to something other than off or on';
    for (const lint of LINT_NAMES) settings[lint] = value === 'off' ? null : LINT_DEFAULTS[lint];
    return null;
  }
  if (!(LINT_NAMES as readonly string[]).includes(name)) return 'names no lint';
  const lint = name as LintName;
  if (value === 'off') settings[lint] = null;
  else if (value === 'on') settings[lint] = LINT_DEFAULTS[lint];
  else if (TAKES_NO_DURATION.has(lint)) return `gives a duration, but ${lint} is only on or off`;
  else {
    const ms = parseDuration(value);
    if (ms === null) return 'has a value that is not off, on or a duration';
    settings[lint] = ms;
  }
  return null;
}
