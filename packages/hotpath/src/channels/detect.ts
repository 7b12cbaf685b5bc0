import type { CallSite } from '../registry/call-site.js';
import { recordFault } from '../registry/faults.js';
import type { ChannelOptions } from '../types.js';
import type { ChannelAdapter } from './adapter.js';
import { eventEmitterAdapter } from './event-emitter.js';
import { messagePortAdapter } from './message-port.js';
import { nodeStreamAdapter } from './node-stream.js';
import { ownChannelAdapter } from './own.js';
import { pushQueueAdapter } from './push-queue.js';
import { webStreamAdapter } from './web-stream.js';

/**
 * Tried in order; the first that matches monitors the target. Node streams and message ports are
 * emitters too, so the plain emitter comes last.
 */
const adapters: ChannelAdapter[] = [
  ownChannelAdapter,
  nodeStreamAdapter,
  webStreamAdapter,
  messagePortAdapter,
  pushQueueAdapter,
  eventEmitterAdapter,
];

/** What each target was handed back as, so that wrapping the same object twice counts it once. */
const monitored = new WeakMap<object, unknown>();

export function monitorChannel(
  target: unknown,
  options: ChannelOptions | undefined,
  callSite: CallSite | null,
): unknown {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null)
    throw unsupported(target);
  const previous = monitored.get(target);
  if (previous !== undefined) return previous;
  const adapter = adapters.find((candidate) => matches(candidate, target));
  if (adapter === undefined) throw unsupported(target);
  const refusal = adapter.refuse?.(target) ?? null;
  if (refusal !== null) throw new TypeError(`channel(target): ${refusal}`);
  try {
    const result = adapter.monitor(target, options, callSite);
    monitored.set(target, result);
    // What we handed back is already counted: monitoring it again would count everything twice.
    if (result !== target && typeof result === 'object' && result !== null) monitored.set(result, result);
    return result;
  } catch (error) {
    // A fault of ours: the program gets its object back unmonitored rather than an exception.
    recordFault(error);
    return target;
  }
}

function matches(adapter: ChannelAdapter, target: object): boolean {
  try {
    return adapter.matches(target);
  } catch (error) {
    recordFault(error);
    return false;
  }
}

function unsupported(target: unknown): TypeError {
  const kinds = adapters.map((adapter) => adapter.accepts).join('; ');
  return new TypeError(`channel(target): expected one of: ${kinds}. Got ${describe(target)}.`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no constructor'})`;
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  return `${typeof value} ${String(value).slice(0, 40)}`;
}
