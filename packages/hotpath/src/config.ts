/** Every environment variable hotpath reads, parsed and checked in one place, once, at import. */

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
  logsLimit: number;
  report: ReportFormat | 'off';
  futurePolls: boolean;
  noColor: boolean;
  /** Read only by `hotpath/register`: wrappers work the same whatever it says. */
  auto: ReadonlySet<AutoKind>;
}

type Env = Record<string, string | undefined>;
type Warn = (message: string) => void;

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'off', 'no', '']);
const MAX_LOGS_LIMIT = 100_000;

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
    logsLimit: readInteger(env, 'HOTPATH_LOGS_LIMIT', 50, 0, MAX_LOGS_LIMIT, warn),
    report: readChoice(
      env,
      'HOTPATH_REPORT',
      ['table', 'json', 'json-pretty', 'off'] as const,
      'table',
      warn,
    ),
    futurePolls: readSwitch(env, 'HOTPATH_FUTURE_POLLS', warn),
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
    auto: readAuto(env, warn),
  };
}

export function defaults(): Config {
  return {
    enabled: false,
    metricsPort: 6770,
    metricsHost: '127.0.0.1',
    metricsServerOff: false,
    metricsToken: null,
    logsLimit: 50,
    report: 'table',
    futurePolls: false,
    noColor: false,
    auto: new Set(DEFAULT_AUTO),
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

function warnOnStderr(message: string): void {
  process.stderr.write(`[hotpath] warning: ${message}\n`);
}

export const config: Config = readConfig(process.env);
