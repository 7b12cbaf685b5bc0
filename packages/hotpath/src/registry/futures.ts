import { config } from '../config.js';
import type { CallState, FutureCalls, FutureKind, FutureRow, LogOption } from '../types.js';
import type { CallSite } from './call-site.js';
import { nowMs } from './clock.js';
import { recordFault, shielded } from './faults.js';
import { formatValue } from './format-value.js';
import { TrackedCall } from './future-call.js';
import { FutureSite, round } from './future-site.js';
import { EXACT_FIRST, oneInSampleEvery, SAMPLE_EVERY } from './sampling.js';
import { compareSites } from './site-order.js';
import { Site, Sites } from './sites.js';

/** A call that has not settled, as the report's hang list shows it. */
export interface PendingCall {
  rowId: number;
  label: string;
  callId: number;
  ageMs: number;
}

/**
 * Every instrumented future, one `FutureSite` per call site or label. Calls are counted as they start and
 * settle; nothing is kept per call beyond the recent-calls window and the list of calls still pending.
 */
class FutureRegistry {
  private readonly sites = new Sites('future');
  private readonly bySite = new Map<object, FutureSite>();
  private readonly byId = new Map<number, FutureSite>();
  private readonly byName = new Map<string, FutureSite>();
  private nextRowId = 1;
  private nextCallId = 1;
  /** Calls still pending, oldest first: a doubly linked list threaded through the calls themselves. */
  private head: TrackedCall | null = null;
  private tail: TrackedCall | null = null;

  /**
   * The row of an automatically instrumented kind (an HTTP route), named by `label`. The caller bounds
   * how many distinct labels it asks for.
   */
  namedSite(label: string, kind: Exclude<FutureKind, 'future'>): FutureSite {
    const key = `${kind}\u0000${label}`;
    let stats = this.byName.get(key);
    if (stats === undefined) {
      const id = this.nextRowId++;
      stats = new FutureSite(id, new Site(id, null, label, true), config.logsLimit, kind);
      this.byName.set(key, stats);
      this.bySite.set(stats.site, stats);
      this.byId.set(stats.id, stats);
    }
    return stats;
  }

  site(callSite: CallSite | null, label: string | undefined): FutureSite {
    const site = this.sites.resolve(callSite, label);
    let stats = this.bySite.get(site);
    if (stats === undefined) {
      stats = new FutureSite(this.nextRowId++, site, config.logsLimit);
      this.bySite.set(site, stats);
      this.byId.set(stats.id, stats);
    }
    return stats;
  }

  /**
   * Starts a call. Its end is timed only if it is sampled (`everyCall`, a site's first calls, then one in
   * `SAMPLE_EVERY` at random) or outlives its turn. A `performance.now()` read costs ~40 ns, half the whole
   * budget, so only a sampled call reads the clock at its start; any other call starts at the latest reading
   * of the same event-loop turn (each turn that starts calls takes one): see docs/futures.md, Accuracy.
   */
  begin(stats: FutureSite, everyCall: boolean, startedMs?: number): TrackedCall {
    const weight = everyCall || stats.calls < EXACT_FIRST ? 1 : oneInSampleEvery() ? SAMPLE_EVERY : 0;
    const sampled = weight > 0;
    const start = startedMs ?? (sampled || turnReadingMs < 0 ? readClockThisTurn() : turnReadingMs);
    const call = new TrackedCall(this.nextCallId++, stats, start, weight, sampled);
    stats.calls++;
    stats.pending++;
    if (sampled) stats.recent.push(call);
    if (this.tail === null) this.head = call;
    else {
      this.tail.next = call;
      call.prev = this.tail;
    }
    this.tail = call;
    return call;
  }

  /**
   * Ends a pending call; a call already ended (say, cancelled before it settled) keeps its first end.
   * `endedMs` is given only for a call that ended before it could be recorded (auto/calls.ts).
   */
  end(
    call: TrackedCall,
    state: Exclude<CallState, 'pending'>,
    value: unknown,
    log: LogOption | undefined,
    endedMs?: number,
  ): void {
    if (call.state !== 'pending') return;
    call.state = state;
    call.promise = null;
    const stats = call.site;
    stats.pending--;
    if (state === 'resolved') stats.resolved++;
    else if (state === 'rejected') stats.rejected++;
    else stats.cancelled++;
    if (call.listed) {
      const ended = endedMs ?? readClockThisTurn();
      call.endedMs = ended;
      if (state !== 'cancelled') {
        const duration = ended - call.startedMs;
        if (call.weight > 0) stats.durations.add(duration, call.weight);
        if (duration > stats.slowestMs) stats.slowestMs = duration;
      }
    }
    if (log) call.result = formatValue(value, log);
    this.unlink(call);
    const release = call.release;
    if (release !== null) {
      call.release = null;
      release();
    }
  }

  rows(): FutureRow[] {
    return [...this.bySite.values()]
      .sort((a, b) => compareSites(a.site, b.site) || a.id - b.id)
      .map((stats) => stats.toRow());
  }

  calls(id: number): FutureCalls | null {
    const stats = this.byId.get(id);
    return stats === undefined ? null : { id, calls: stats.recentCalls(nowMs()) };
  }

  /** The oldest `limit` calls still pending, and how many there are in all. */
  pendingCalls(limit: number): { total: number; oldest: PendingCall[] } {
    const now = nowMs();
    const oldest: PendingCall[] = [];
    let total = 0;
    for (let call = this.head; call !== null; call = call.next) {
      total++;
      if (oldest.length < limit) {
        const { site } = call;
        oldest.push({
          rowId: site.id,
          label: site.site.label,
          callId: call.id,
          ageMs: round(now - call.startedMs),
        });
      }
    }
    return { total, oldest };
  }

  /** A call that outlived its turn unsampled joins its site's recent calls, and is timed to its end. */
  list(call: TrackedCall): void {
    if (call.listed) return;
    call.listed = true;
    call.site.recent.push(call);
  }

  /** Every future site; read once per history tick. */
  sitesList(): IterableIterator<FutureSite> {
    return this.bySite.values();
  }

  /**
   * The pending calls at least `minAgeMs` old, per site: how many, and the oldest one's start. Walks only
   * those calls (the list is oldest first), at most `cap` of them.
   */
  stalePending(
    now: number,
    minAgeMs: number,
    cap: number,
  ): Map<FutureSite, { count: number; oldestMs: number }> {
    const stale = new Map<FutureSite, { count: number; oldestMs: number }>();
    let seen = 0;
    for (
      let call = this.head;
      call !== null && now - call.startedMs >= minAgeMs && seen < cap;
      call = call.next
    ) {
      seen++;
      const found = stale.get(call.site);
      if (found === undefined) stale.set(call.site, { count: 1, oldestMs: call.startedMs });
      else found.count++;
    }
    return stale;
  }

  /** The id the next call will get. */
  nextId(): number {
    return this.nextCallId;
  }

  /** The most recently started call still pending. */
  newest(): TrackedCall | null {
    return this.tail;
  }

  private unlink(call: TrackedCall): void {
    if (call.prev === null) this.head = call.next;
    else call.prev.next = call.next;
    if (call.next === null) this.tail = call.prev;
    else call.next.prev = call.prev;
    call.prev = call.next = null;
  }
}

export const futureRegistry = new FutureRegistry();

/**
 * Calls whose promise the garbage collector took while they were pending end `cancelled`: nothing can
 * settle them any more. Registering with a FinalizationRegistry costs ~135 ns, more than the whole rest of
 * a call, so it is deferred to the end of the event-loop turn and done only for calls still pending then:
 * a call that settles within the turn it started cannot have been dropped unsettled. Until then the call
 * holds its promise (and lets go as soon as it settles), which delays a dropped promise's collection by at
 * most one turn.
 */
const collected = new FinalizationRegistry<TrackedCall>((call) =>
  shielded(() => {
    // Collected while pending: nothing holds its resolve any more (the `future-lost` lint).
    if (call.state === 'pending') {
      const site = call.site;
      if (site.lost++ === 0) site.firstLostMs = nowMs();
    }
    futureRegistry.end(call, 'cancelled', undefined, undefined);
  }, undefined),
);
/**
 * The calls of the current batch are those with an id from `batchFirstId` on; the ones still pending are
 * the tail of the pending list, so the batch needs no list of its own (pushing onto one cost ~20 ns a call).
 */
let batchFirstId = 0;
let sweep: NodeJS.Immediate | null = null;
/** A turn that never yields (a long chain of microtasks) must not hold its calls for ever. */
const MAX_BATCH = 1024;
/** The latest clock reading of this turn, -1 before the turn's first; unsampled calls start at it. */
let turnReadingMs = -1;

/** Reads the clock, and makes sure the turn's end forgets the reading (and sweeps the turn's calls). */
function readClockThisTurn(): number {
  turnReadingMs = nowMs();
  if (sweep === null) {
    sweep = setImmediate(endOfTurn);
    sweep.unref();
  }
  return turnReadingMs;
}

export function watchCollection(call: TrackedCall, promise: object): void {
  call.promise = promise;
  if (call.id - batchFirstId >= MAX_BATCH) {
    turnReadingMs = -1;
    registerStillPending(call.id + 1);
  }
}

function endOfTurn(): void {
  sweep = null;
  turnReadingMs = -1;
  registerStillPending(futureRegistry.nextId());
}

/** Registers the batch's calls still pending; calls from `nextFirstId` on belong to the next batch. */
function registerStillPending(nextFirstId: number): void {
  const first = batchFirstId;
  batchFirstId = nextFirstId;
  try {
    let oldest: TrackedCall | null = null;
    for (let call = futureRegistry.newest(); call !== null && call.id >= first; call = call.prev)
      oldest = call;
    // Oldest first, so that a site's recent calls keep the newest when there are more than it holds.
    for (let call = oldest; call !== null; call = call.next) {
      if (call.id >= nextFirstId) continue;
      futureRegistry.list(call);
      const promise = call.promise;
      if (promise === null) continue;
      // The registry holds the call strongly: the call must not hold the promise, or it never goes.
      call.promise = null;
      collected.register(promise, call);
    }
  } catch (error) {
    recordFault(error);
  }
}

export function futureRows(): FutureRow[] {
  return futureRegistry.rows();
}

export function futureCalls(id: number): FutureCalls | null {
  return futureRegistry.calls(id);
}
