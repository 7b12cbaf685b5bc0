import type { ChannelOptions, FutureOptions, MeasureOptions, ReportOptions, StreamOptions } from './types.js';

/** Bad options are the caller's mistake: a TypeError that says what was expected, thrown at once. */
export function checkOptions(
  fn: string,
  options: ChannelOptions | StreamOptions | FutureOptions | MeasureOptions | undefined,
  allowed: readonly ('label' | 'log' | 'capacity' | 'signal' | 'after')[],
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${fn}(…, options): options must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw new TypeError(`${fn}(…, options): unknown option "${key}"; expected ${allowed.join(', ')}`);
    }
  }
  const { label, log } = options as ChannelOptions;
  if (label !== undefined && typeof label !== 'string') {
    throw new TypeError(`${fn}(…, options): label must be a string, got ${typeof label}`);
  }
  if (log !== undefined && typeof log !== 'boolean' && typeof log !== 'function') {
    throw new TypeError(
      `${fn}(…, options): log must be a boolean or a function (value) => string, got ${typeof log}`,
    );
  }
  const { capacity } = options as ChannelOptions;
  if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 1)) {
    throw new RangeError(`${fn}(…, options): capacity must be an integer >= 1, got ${String(capacity)}`);
  }
  const { after } = options as ChannelOptions;
  if (after !== undefined && typeof after !== 'string' && (typeof after !== 'object' || after === null)) {
    throw new TypeError(
      `${fn}(…, options): after must be the wrapped object (or its label) that feeds this one, got ${after === null ? 'null' : typeof after}`,
    );
  }
  const { signal } = options as FutureOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${fn}(…, options): signal must be an AbortSignal`);
  }
}

const REPORT_KEYS = ['format', 'sections', 'output', 'timeoutMs'];
const FORMATS = ['table', 'json', 'json-pretty'];
const SECTIONS = ['channels', 'streams', 'futures', 'functions', 'gauges', 'runtime'];

/**
 * `start()`/`main()` options. Checked up front: a typo'd format or a non-number timeout would otherwise
 * surface only at exit (or, for `timeoutMs`, end the process at once).
 */
export function checkReportOptions(fn: string, options: ReportOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${fn}(options): options must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!REPORT_KEYS.includes(key)) {
      throw new TypeError(`${fn}(options): unknown option "${key}"; expected ${REPORT_KEYS.join(', ')}`);
    }
  }
  const { format, sections, output, timeoutMs } = options;
  if (format !== undefined && !FORMATS.includes(format)) {
    throw new TypeError(`${fn}(options): format must be one of ${FORMATS.join(', ')}, got ${String(format)}`);
  }
  if (
    sections !== undefined &&
    !(Array.isArray(sections) && sections.every((section) => SECTIONS.includes(section)))
  ) {
    throw new TypeError(`${fn}(options): sections must be an array of ${SECTIONS.join(', ')}`);
  }
  if (output !== undefined && typeof (output as { write?: unknown } | null)?.write !== 'function') {
    throw new TypeError(`${fn}(options): output must have a write(text) method`);
  }
  if (timeoutMs !== undefined && typeof timeoutMs !== 'number') {
    throw new TypeError(`${fn}(options): timeoutMs must be a number, got ${typeof timeoutMs}`);
  }
  if (timeoutMs !== undefined && !(timeoutMs >= 0 && timeoutMs < 2 ** 31)) {
    throw new RangeError(
      `${fn}(options): timeoutMs must be from 0 to 2^31 - 1 milliseconds, got ${timeoutMs}`,
    );
  }
}
