import type { CallSite } from '../registry/call-site.js';
import type { ChannelOptions } from '../types.js';

/** One kind of primitive `channel()` can monitor. */
export interface ChannelAdapter {
  /** How the kind is named in the error that lists what `channel()` accepts. */
  readonly accepts: string;
  matches(target: object): boolean;
  /** Why a matching target cannot be monitored (a locked stream), for a TypeError; null when it can. */
  refuse?(target: object): string | null;
  /**
   * Starts counting. Returns what `channel()` hands back: the target itself, or for WHATWG streams an
   * object of the same type.
   */
  monitor(target: object, options: ChannelOptions | undefined, callSite: CallSite | null): unknown;
}
