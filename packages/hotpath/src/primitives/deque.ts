/**
 * A growable ring buffer. Channel buffers and waiter queues shift from the front on every message, and
 * `Array.prototype.shift` is O(n) once V8 gives up on its fast path, so a ring keeps both ends O(1).
 */
export class Deque<T> {
  private items: (T | undefined)[] = new Array(16);
  private head = 0;
  private mask = 15;
  length = 0;

  push(item: T): void {
    if (this.length > this.mask) this.grow();
    this.items[(this.head + this.length) & this.mask] = item;
    this.length++;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return item;
  }

  peek(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  clear(): T[] {
    const all: T[] = [];
    while (this.length > 0) all.push(this.shift() as T);
    return all;
  }

  private grow(): void {
    const size = this.mask + 1;
    const next: (T | undefined)[] = new Array(size * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.items[(this.head + i) & this.mask];
    this.items = next;
    this.head = 0;
    this.mask = size * 2 - 1;
  }
}
