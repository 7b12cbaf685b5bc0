import { RecentRing } from '../registry/recent-ring.js';

/** The last minute of per-interval values (for the console's sparklines), oldest first. */
export class MinuteHistory<T> {
  private readonly ring: RecentRing<T>;

  constructor(intervalMs: number) {
    this.ring = new RecentRing<T>(Math.min(600, Math.max(1, Math.ceil(60_000 / intervalMs))));
  }

  push(value: T): void {
    this.ring.push(value);
  }

  values(): T[] {
    return this.ring.toArray().reverse();
  }
}
