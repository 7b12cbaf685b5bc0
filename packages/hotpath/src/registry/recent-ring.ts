/** The most recent `limit` items, oldest overwritten first; zero keeps nothing. */
export class RecentRing<T> {
  private readonly items: T[] = [];
  private next = 0;

  constructor(private readonly limit: number) {}

  push(item: T): void {
    if (this.limit === 0) return;
    if (this.items.length < this.limit) this.items.push(item);
    else this.items[this.next] = item;
    this.next = this.next + 1 === this.limit ? 0 : this.next + 1;
  }

  /** Newest first. */
  toArray(): T[] {
    const n = this.items.length;
    const out: T[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.items[(this.next - 1 - i + n * 2) % n]!;
    return out;
  }
}
