/**
 * A binary heap that knows where each item sits, so an item can be removed
 * or re-sifted after its key changed in O(log n). The ACD keeps one per
 * bucket of waiting interactions, one per bucket of ready agents and one of
 * timers; all of them lose items from the middle (an interaction taken by a
 * pull, an agent going not-ready, an offer accepted before it times out).
 */
export class IndexedHeap<T> {
  private readonly items: T[] = [];
  private readonly positions = new Map<T, number>();

  /** `before(a, b)` is true when `a` must come out first. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  has(item: T): boolean {
    return this.positions.has(item);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    if (this.positions.has(item)) return this.update(item);
    this.items.push(item);
    this.positions.set(item, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  remove(item: T): boolean {
    const index = this.positions.get(item);
    if (index === undefined) return false;
    this.removeAt(index);
    return true;
  }

  /** Restores order after the item's key changed (either way). */
  update(item: T): void {
    const index = this.positions.get(item);
    if (index === undefined) return;
    this.down(this.up(index));
  }

  /** In no particular order. */
  values(): readonly T[] {
    return this.items;
  }

  private removeAt(index: number): void {
    const last = this.items.pop()!;
    this.positions.delete(this.items.length === index ? last : this.items[index]);
    if (index === this.items.length) return;
    this.items[index] = last;
    this.positions.set(last, index);
    this.down(this.up(index));
  }

  private up(index: number): number {
    const item = this.items[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(item, this.items[parent])) break;
      this.place(this.items[parent], index);
      index = parent;
    }
    this.place(item, index);
    return index;
  }

  private down(index: number): void {
    const item = this.items[index];
    const length = this.items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.before(this.items[right], this.items[left]) ? right : left;
      if (!this.before(this.items[child], item)) break;
      this.place(this.items[child], index);
      index = child;
    }
    this.place(item, index);
  }

  private place(item: T, index: number): void {
    this.items[index] = item;
    this.positions.set(item, index);
  }
}
