/** Every environment variable hotpath reads, parsed and checked in one place, once, at import. */

import { defaultLintSettings, type LintSettings, parseLintSettings } from './lints/names.js';

export type ReportFormat = 'table' | 'json' | 'json-pretty';

/** What `hotpath/register` instruments without a wrapper call (`HOTPATH_AUTO`). */
export type AutoKind = 'http' | 'fetch' | 'streams' | 'workers';
export const AUTO_KINDS: readonly AutoKind[] = ['http', 'fetch', 'streams', 'workers'];
/** `HOTPATH_AUTO` unset: everything but `streams`, which costs more and is opt-in. */
export const DEFAULT_AUTO: readonly AutoKind[] = ['http', 'fetch', 'workers'];

export interface Config {
  enabled: boolean;
  metricsPort: number;
  metricsHost: string;
  metricsServerOff: boolean;
  metricsToken: string | null;
  /** Most series `GET /metrics` and `hotpath/otel` export; sites beyond it are summed into `(other)`. */
  metricsSeriesLimit: number;
  logsLimit: number;
  report: ReportFormat | 'off';
  /** One report row per site (label or call site) or per instance still held. */
  reportRows: 'site' | 'instance';
  futurePolls: boolean;
  /** How often the runtime sampler reads the event loop, heap and GC (and workers publish their rows). */
  runtimeIntervalMs: number;
  noColor: boolean;
  /** Read only by `hotpath/register`: wrappers work the same whatever it says. */
  auto: ReadonlySet<AutoKind>;
  /** `HOTPATH_FOCUS`: only rows whose label contains this text (or matches this `/regex/`) are shown. */
  focus: string | RegExp | null;
  /** `HOTPATH_TIME_EXCLUSIVE`: a measured call's time excludes the nested measured calls it made. */
  timeExclusive: boolean;
  /** `HOTPATH_LINTS`: each lint's threshold in milliseconds, or null when it is off. */
  lints: LintSettings;
  /** `HOTPATH_RECORD`: the file the run is recorded to (gzipped NDJSON), or null for no recording. */
  record: string | null;
  /** `HOTPATH_RECORD_MAX_MB`: the recording stops, with a note, before its file grows past this. */
  recordMaxMb: number;
  /** `HOTPATH_RECORD_INTERVAL_MS`: one frame per this many milliseconds. */
  recordIntervalMs: number;
}

type Env = Record<string, string | undefined>;
type Warn = (message: string) => void;

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'off', 'no', '']);
const MAX_LOGS_LIMIT = 100_000;
const DEFAULT_SERIES_LIMIT = 2000;
/** Room for the fixed series (faults, the `(other)` rows) and a few sites. */
const MIN_SERIES_LIMIT = 50;
const MAX_SERIES_LIMIT = 1_000_000;
/** A terabyte of recording is a mistake, not a plan. */
const MAX_RECORD_MB = 1_000_000;

export function readConfig(env: Env, warn: Warn = warnOnStderr): Config {
  const enabled = readSwitch(env, 'HOTPATH', warn);
  // With monitoring off nothing below is used, so it is neither read nor complained about.
  if (!enabled) return { ...defaults(), enabled: false };
  return {
    enabled: true,
    metricsPort: readInteger(env, 'HOTPATH_METRICS_PORT', 6770, 0, 65535, warn),
    metricsHost: readHost(env, warn),
    metricsServerOff: readSwitch(env, 'HOTPATH_METRICS_SERVER_OFF', warn),
    metricsToken: env.HOTPATH_METRICS_TOKEN ? env.HOTPATH_METRICS_TOKEN : null,
    metricsSeriesLimit: readInteger(
      env,
      'HOTPATH_METRICS_SERIES_LIMIT',
      DEFAULT_SERIES_LIMIT,
      MIN_SERIES_LIMIT,
      MAX_SERIES_LIMIT,
      warn,
    ),
    logsLimit: readInteger(env, 'HOTPATH_LOGS_LIMIT', 50, 0, MAX_LOGS_LIMIT, warn),
    report: readChoice(
      env,
      'HOTPATH_REPORT',
      ['table', 'json', 'json-pretty', 'off'] as const,
      'table',
      warn,
    ),
    reportRows: readChoice(env, 'HOTPATH_REPORT_ROWS', ['site', 'instance'] as const, 'site', warn),
    futurePolls: readSwitch(env, 'HOTPATH_FUTURE_POLLS', warn),
    runtimeIntervalMs: readInteger(env, 'HOTPATH_RUNTIME_INTERVAL_MS', 1000, 50, 3_600_000, warn),
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
    auto: readAuto(env, warn),
    focus: readFocus(env, warn),
    timeExclusive: readSwitch(env, 'HOTPATH_TIME_EXCLUSIVE', warn),
    lints: readLints(env, warn),
    record: env.HOTPATH_RECORD?.trim() ? env.HOTPATH_RECORD.trim() : null,
    recordMaxMb: readPositive(env, 'HOTPATH_RECORD_MAX_MB', 100, MAX_RECORD_MB, warn),
    recordIntervalMs: readInteger(env, 'HOTPATH_RECORD_INTERVAL_MS', 1000, 50, 3_600_000, warn),
  };
}

export function defaults(): Config {
  return {
    enabled: false,
    metricsPort: 6770,
    metricsHost: '127.0.0.1',
    metricsServerOff: false,
    metricsToken: null,
    metricsSeriesLimit: DEFAULT_SERIES_LIMIT,
    logsLimit: 50,
    report: 'table',
    reportRows: 'site',
    futurePolls: false,
    runtimeIntervalMs: 1000,
    noColor: false,
    auto: new Set(DEFAULT_AUTO),
    focus: null,
    timeExclusive: false,
    lints: defaultLintSettings(),
    record: null,
    recordMaxMb: 100,
    recordIntervalMs: 1000,
  };
}

/** `HOTPATH_AUTO`: a comma list of `http`, `fetch`, `streams`, `workers`, or `none`. */
export function readAuto(env: Env, warn: Warn): ReadonlySet<AutoKind> {
  const raw = env.HOTPATH_AUTO;
  if (raw === undefined || raw.trim() === '') return new Set(DEFAULT_AUTO);
  const names = raw
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 1 && names[0] === 'none') return new Set();
  const unknown = names.filter((name) => !(AUTO_KINDS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    warn(
      `HOTPATH_AUTO=${JSON.stringify(raw)} is not a comma list of ${AUTO_KINDS.join(', ')} (or none); using ${DEFAULT_AUTO.join(',')}`,
    );
    return new Set(DEFAULT_AUTO);
  }
  return new Set(names as AutoKind[]);
}

function readSwitch(env: Env, name: string, warn: Warn): boolean {
  const raw = env[name];
  if (raw === undefined) return false;
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (!FALSE.has(value))
    warn(`${name}=${JSON.stringify(raw)} is not one of 1, true, on, yes, 0, false, off, no; using off`);
  return false;
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number, warn: Warn): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  warn(`${name}=${JSON.stringify(raw)} is not an integer from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

/** A number above zero (fractions allowed: `0.5` MB) up to `max`. */
function readPositive(env: Env, name: string, fallback: number, max: number, warn: Warn): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (Number.isFinite(value) && value > 0 && value <= max) return value;
  warn(`${name}=${JSON.stringify(raw)} is not a number above 0 and up to ${max}; using ${fallback}`);
  return fallback;
}

function readChoice<C extends string>(
  env: Env,
  name: string,
  choices: readonly C[],
  fallback: C,
  warn: Warn,
): C {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if ((choices as readonly string[]).includes(value)) return value as C;
  warn(`${name}=${JSON.stringify(raw)} is not one of ${choices.join(', ')}; using ${fallback}`);
  return fallback;
}

function readHost(env: Env, warn: Warn): string {
  const raw = env.HOTPATH_METRICS_HOST;
  if (raw === undefined || raw.trim() === '') return '127.0.0.1';
  const host = raw.trim();
  if (/^[A-Za-z0-9.:_\-[\]%]+$/.test(host)) return host.replace(/^\[(.*)\]$/, '$1');
  warn(`HOTPATH_METRICS_HOST=${JSON.stringify(raw)} is not a host name or IP address; using 127.0.0.1`);
  return '127.0.0.1';
}

/** `/pattern/flags` is a regular expression; anything else is a plain substring. */
function readFocus(env: Env, warn: Warn): string | RegExp | null {
  const raw = env.HOTPATH_FOCUS;
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  const regex = /^\/(.+)\/([a-z]*)$/.exec(value);
  if (regex === null) return value;
  try {
    return new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, ''));
  } catch (error) {
    warn(
      `HOTPATH_FOCUS=${JSON.stringify(raw)} is not a valid /regex/ (${(error as Error).message}); showing every row`,
    );
    return null;
  }
}

function readLints(env: Env, warn: Warn): LintSettings {
  const raw = env.HOTPATH_LINTS;
  return raw === undefined || raw.trim() === '' ? defaultLintSettings() : parseLintSettings(raw, warn);
}

function warnOnStderr(message: string): void {
  process.stderr.write(`[hotpath] warning: ${message}\n`);
}

export const config: Config = readConfig(process.env);
