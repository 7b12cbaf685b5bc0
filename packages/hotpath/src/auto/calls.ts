/**
 * The calls of the HTTP and fetch instrumentation. The future registry (ten modules, half the preload's
 * startup cost) is not needed to start the program: it loads, in the background, when the first call
 * begins. Calls that begin before it has are kept as `EarlyCall`s with their own start and end times,
 * then replayed into it in order — so counts, states, status classes and durations are the same as if
 * it had been there from the start.
 */
import { nowMs } from '../registry/clock.js';
import { recordFault } from '../registry/faults.js';
import type { TrackedCall } from '../registry/future-call.js';
import type { FutureKind } from '../types.js';
import type { RouteRows } from './route-rows.js';

type AutoKind = Exclude<FutureKind, 'future'>;
type EndState = 'resolved' | 'rejected' | 'cancelled';

class EarlyCall {
  /** The registry's call, once replayed; later ends go to it. */
  tracked: TrackedCall | null = null;
  ended: EndState | null = null;
  status: number | undefined;
  endedMs = 0;

  constructor(
    readonly kind: AutoKind,
    readonly method: string,
    readonly route: string,
    readonly startedMs: number,
  ) {}
}

export type AutoCall = TrackedCall | EarlyCall;

interface Loaded {
  rows: Record<AutoKind, RouteRows>;
  registry: typeof import('../registry/futures.js')['futureRegistry'];
}

/** Calls made before the registry loaded; past this many, the rest are not counted (a fault). */
const MAX_EARLY = 10_000;

let loaded: Loaded | null = null;
let loading = false;
let early: EarlyCall[] = [];

/** Starts loading the registry (once); calls begun until it has are replayed into it. */
function loadSoon(): void {
  if (loading) return;
  loading = true;
  Promise.all([import('./route-rows.js'), import('../registry/futures.js')]).then(
    ([{ RouteRows }, { futureRegistry }]) => {
      loaded = {
        rows: { 'http-server': new RouteRows('http-server'), 'http-client': new RouteRows('http-client') },
        registry: futureRegistry,
      };
      const waiting = early;
      early = [];
      for (const call of waiting) replay(call, loaded);
    },
    recordFault,
  );
}

/** A call of `kind` to `method route` starts now. Undefined only when too many wait for the registry. */
export function beginCall(kind: AutoKind, method: string, route: string): AutoCall | undefined {
  if (loaded !== null) return loaded.registry.begin(loaded.rows[kind].row(method, route), false);
  loadSoon();
  if (early.length >= MAX_EARLY) {
    recordFault(new Error('HTTP calls made before hotpath loaded: too many, not counted'));
    return undefined;
  }
  const call = new EarlyCall(kind, method, route, nowMs());
  early.push(call);
  return call;
}

/** Ends a call still pending (a call already ended keeps its first end); counts `status` if given. */
export function endCall(call: AutoCall | undefined, state: EndState, status?: number): void {
  if (call === undefined) return;
  if (call instanceof EarlyCall) {
    if (call.tracked !== null) endCall(call.tracked, state, status);
    else if (call.ended === null) {
      call.ended = state;
      call.status = status;
      call.endedMs = nowMs();
    }
    return;
  }
  if (call.state !== 'pending') return;
  if (status !== undefined) call.site.countStatus(status);
  loaded?.registry.end(call, state, undefined, undefined);
}

function replay(call: EarlyCall, { rows, registry }: Loaded): void {
  const tracked = registry.begin(rows[call.kind].row(call.method, call.route), false, call.startedMs);
  call.tracked = tracked;
  if (call.ended === null) return;
  if (call.status !== undefined) tracked.site.countStatus(call.status);
  registry.end(tracked, call.ended, undefined, undefined, call.endedMs);
}
