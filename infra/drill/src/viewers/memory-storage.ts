/**
 * A Web Storage (`Storage`) kept in a Map: a light viewer's localStorage, one per viewer, so the
 * app's outbox runs over it exactly as over a page's (a drill viewer never reloads, so nothing
 * needs to outlive the process).
 */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  [name: string]: unknown;

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }
}
