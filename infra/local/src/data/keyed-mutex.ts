/**
 * Serializes work per key: `run(keys, fn)` starts `fn` once every earlier `run` holding any of
 * those keys has finished. All keys are claimed at once (synchronously), so two runs never wait on each other in a cycle.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)].sort();
    const before = unique.map((k) => this.tails.get(k) ?? Promise.resolve());
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const key of unique) this.tails.set(key, done);
    try {
      await Promise.all(before);
      return await fn();
    } finally {
      release();
      for (const key of unique) if (this.tails.get(key) === done) this.tails.delete(key);
    }
  }

  /** Keys with work running or waiting (for tests and status). */
  get size(): number {
    return this.tails.size;
  }
}
