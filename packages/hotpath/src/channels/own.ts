import { CORE, type Observable } from '../primitives/stats-hook.js';
import { registerChannel } from '../registry/channels.js';
import type { ChannelAdapter } from './adapter.js';

/**
 * hotpath's own channels count inside the primitive (the core checks its `observer` on every
 * operation), so there is no wrapper layer at all and `queued` is exactly what the buffer holds.
 */
export const ownChannelAdapter: ChannelAdapter = {
  accepts: 'a pair, sender or receiver from hotpath/channels',
  matches: (target) => coreOf(target) !== null,
  monitor(target, options, callSite) {
    const core = coreOf(target)!;
    if (core.observer !== null) return target;
    const capacity = core.flavour === 'unbounded' ? null : core.capacity;
    const stats = registerChannel(
      {
        kind: 'hotpath',
        type: core.flavour === 'bounded' ? `bounded[${capacity}]` : core.flavour,
        capacity,
        fifo: true,
      },
      options,
      callSite,
      core,
    );
    // Values already buffered when monitoring starts count as sent, so that `queued` stays exact.
    stats.sent = core.queuedCount();
    core.observer = stats;
    if (core.isFinished()) stats.onClosed(true);
    return target;
  },
};

function coreOf(target: object): Observable | null {
  if (Array.isArray(target)) {
    if (target.length !== 2 || !isObject(target[0]) || !isObject(target[1])) return null;
    const core = coreOf(target[0]);
    return core !== null && core === coreOf(target[1]) ? core : null;
  }
  const core = (target as { [CORE]?: Observable })[CORE];
  return isObject(core) ? core : null;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
