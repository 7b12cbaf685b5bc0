import type { CallState } from '../types.js';
import type { FutureSite } from './future-site.js';

/**
 * One call of an instrumented future. It is linked into the list of pending calls while it is pending,
 * so that finding the calls that never finished (the report's hang list) costs nothing per call.
 */
export class TrackedCall {
  state: CallState = 'pending';
  endedMs = 0;
  /** Await-resumptions counted while `HOTPATH_FUTURE_POLLS` is on; null otherwise. */
  polls: number | null = null;
  result: string | null = null;
  /** Undoes what the call holds on to while pending (a poll hook, an abort listener); run once it ends. */
  release: (() => void) | null = null;
  /** The promise, held only until the end of the turn decides whether to watch it for collection. */
  promise: object | null = null;
  prev: TrackedCall | null = null;
  next: TrackedCall | null = null;

  constructor(
    readonly id: number,
    readonly site: FutureSite,
    readonly startedMs: number,
    /**
     * How many calls its duration stands for among the site's percentile samples, 0 if it is not one
     * (chosen at the start, blind to how long it takes).
     */
    readonly weight: number,
    /**
     * In the site's recent calls, and so timed to the end: the sampled calls, and the others once they
     * outlive the event-loop turn they started in.
     */
    public listed: boolean,
  ) {}
}
