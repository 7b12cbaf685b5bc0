import type { CallSite } from '../registry/call-site.js';
import type { StreamOptions } from '../types.js';

/** One kind of source `stream()` can monitor. */
export interface StreamAdapter {
  /** How the kind is named in the error that lists what `stream()` accepts. */
  readonly accepts: string;
  matches(source: object): boolean;
  /** Starts counting. Returns what `stream()` hands back: the source itself, or (Observables) a new one. */
  monitor(source: object, options: StreamOptions | undefined, callSite: CallSite | null): unknown;
}
