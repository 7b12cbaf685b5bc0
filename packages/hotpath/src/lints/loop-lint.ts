import type { Stall } from '../types.js';
import { type Raise, seconds } from './raised.js';

/** What the engine needs of the loop-delay watch: stalls, counted and listed. */
export interface StallSource {
  stallsSeen(): number;
  stallList(): Stall[];
}

/** A loop stall keeps `loop-blocked` raised this long after it. */
export const LOOP_BLOCKED_HOLD_MS = 10_000;
/** Stalls in the first moments of monitoring are module loading and compilation, not the program. */
export const LOOP_WARM_UP_MS = 2_000;

/**
 * `loop-blocked`: a stall of the program's own making while items were in flight, raised from the stall
 * and held for `LOOP_BLOCKED_HOLD_MS` after the last one.
 */
export class LoopBlocked {
  private seen = -1;
  private lastBlockedMs = -1;
  private blockedSince = -1;
  private worstMs = 0;
  private inFlight = 0;

  judge(
    now: number,
    startedMs: number,
    inFlight: number,
    stalls: StallSource,
    threshold: number,
    raise: Raise,
  ): void {
    const seen = stalls.stallsSeen();
    const fresh = this.seen < 0 ? 0 : seen - this.seen;
    this.seen = seen;
    if (fresh > 0 && inFlight > 0) {
      const list = stalls.stallList();
      for (const stall of list.slice(Math.max(0, list.length - fresh))) {
        if (stall.durationMs < threshold || stall.atMs < startedMs + LOOP_WARM_UP_MS) continue;
        if (!programBlocked(stall, threshold)) continue;
        if (this.blockedSince < 0) {
          this.blockedSince = stall.atMs;
          this.worstMs = 0;
        }
        this.lastBlockedMs = now;
        this.worstMs = Math.max(this.worstMs, stall.durationMs);
        this.inFlight = inFlight;
      }
    }
    if (this.blockedSince < 0) return;
    if (now - this.lastBlockedMs > LOOP_BLOCKED_HOLD_MS) {
      this.blockedSince = -1;
      return;
    }
    const worst = this.worstMs;
    const items = this.inFlight;
    raise(
      {
        lint: 'loop-blocked',
        kind: 'runtime',
        id: 0,
        siteId: 0,
        label: 'event loop',
        siteLabel: 'event loop',
        say: () =>
          `the event loop was blocked for up to ${seconds(worst)} while ${items} item(s) were in flight; nothing moved meanwhile`,
      },
      this.blockedSince,
    );
  }
}

/**
 * Whether the program itself held its loop (running code, collecting garbage) rather than the OS not
 * running it (a busy machine, a stopped process): over the stall, counted up to the threshold, the
 * process must have used CPU time for at least half of it, and the thread's loop must have been busy
 * (not waiting for events) for at least half of it. The second keeps another thread's work (a worker
 * spinning) from making a stall of this one the program's. A loop blocked in a synchronous wait that
 * burns no CPU (`execSync`, `Atomics.wait`) is thereby not flagged: a missed warning beats a false one.
 */
export function programBlocked(stall: Stall, thresholdMs: number): boolean {
  const needed = PROGRAM_CPU_SHARE * Math.min(stall.durationMs, thresholdMs);
  if (stall.cpuMs !== undefined && stall.cpuMs < needed) return false;
  return stall.activeMs === undefined || stall.activeMs >= needed;
}

/** The share of a stall (up to the threshold) the process must have spent on the CPU to be its own doing. */
export const PROGRAM_CPU_SHARE = 0.5;
