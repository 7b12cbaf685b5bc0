/** The most recent `limit` items, oldest overwritten first; zero keeps nothing. */
export class RecentRing<T> {
  /** Slots allocated up front: a push is one store, with no array growth on the call path. */
  private readonly items: (T | null)[];
  private next = 0;
  private size = 0;

  constructor(private readonly limit: number) {
    this.items = new Array<T | null>(limit).fill(null);
  }

  push(item: T): void {
    if (this.limit === 0) return;
    this.items[this.next] = item;
    this.next = this.next + 1 === this.limit ? 0 : this.next + 1;
    if (this.size < this.limit) this.size++;
  }

  /** Newest first. */
  toArray(): T[] {
    const n = this.size;
    const limit = this.limit;
    const out: T[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.items[(this.next - 1 - i + limit * 2) % limit]!;
    return out;
  }
}
