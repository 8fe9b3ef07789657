/**
 * A first-in first-out queue that takes from its head in constant time: `Array.prototype.shift`
 * moves every element once an array is large, and a subscriber's queue holds up to its buffer
 * (10 000 by default) when a burst fans out to it.
 */
export class EventQueue<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item, taken out; `undefined` when empty. */
  take(): T | undefined {
    if (this.head === this.items.length) {
      return undefined;
    }
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head === this.items.length) {
      this.clear();
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      // Taken slots are dropped in one copy once they are half the array.
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
