import type { ChannelOptions, FutureOptions, StreamOptions } from './types.js';

/** Bad options are the caller's mistake: a TypeError that says what was expected, thrown at once. */
export function checkOptions(
  fn: string,
  options: ChannelOptions | StreamOptions | FutureOptions | undefined,
  allowed: readonly ('label' | 'log' | 'capacity' | 'signal')[],
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
  const { signal } = options as FutureOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${fn}(…, options): signal must be an AbortSignal`);
  }
}
