/** Calls with the same key run one after another, in this process. */
export class KeyedMutex {
  private readonly running = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    for (let r = this.running.get(key); r !== undefined; r = this.running.get(key))
      await r.catch(() => undefined);
    const p = fn();
    this.running.set(key, p);
    try {
      return await p;
    } finally {
      this.running.delete(key);
    }
  }
}
