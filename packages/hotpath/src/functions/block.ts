import { activate } from '../lifecycle.js';
import { captureCallSite } from '../registry/call-site.js';
import { functionRegistry } from '../registry/functions.js';
import { runBlock } from './timing.js';

/**
 * `measureBlock(label, body)`: runs `body` now, as one call of the block `label`, and returns what it
 * returns. The label is looked up on each call; the call site is read only when a label is new (reading
 * it costs microseconds), so a block in a hot loop costs a map lookup more than a measured function.
 */
export function measureBlockOn<T>(label: unknown, body: unknown, entry: Function): T {
  if (typeof label !== 'string' || label === '')
    throw new TypeError(
      `measureBlock(label, body): label must be a non-empty string, got ${describe(label)}`,
    );
  if (typeof body !== 'function')
    throw new TypeError(`measureBlock(label, body): body must be a function, got ${describe(body)}`);
  let stats = functionRegistry.block(label);
  if (stats === undefined) {
    stats = functionRegistry.newBlock(label, captureCallSite(entry));
    activate();
  }
  return runBlock(stats, body as () => T);
}

function describe(value: unknown): string {
  return value === null ? 'null' : value === '' ? 'an empty string' : typeof value;
}
