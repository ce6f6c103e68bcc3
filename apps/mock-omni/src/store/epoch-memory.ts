/**
 * Rows a connection's repository keeps in memory beside its table, by key: at most `limit` of them (beyond, memory
 * starts again), and none once the connection's write epoch has moved since they were kept (a rollback, a failed
 * COMMIT, a system wiped: store/write-epoch.ts), since the table may no longer hold them. The table, with what is held
 * for its COMMIT, is the truth; memory only saves reads.
 *
 * @module
 */

import type { WriteEpoch } from './write-epoch.js';

export class EpochMemory<V> {
  private readonly entries = new Map<string, V>();
  private filledAt: number;

  constructor(
    private readonly epoch: WriteEpoch,
    private readonly limit: number,
  ) {
    this.filledAt = epoch.value;
  }

  get(key: string): V | undefined {
    return this.current().get(key);
  }

  has(key: string): boolean {
    return this.current().has(key);
  }

  /** `value` is what the row holds now (just read, or just written); returns it. */
  set(key: string, value: V): V {
    const entries = this.current();
    if (entries.size >= this.limit) entries.clear();
    entries.set(key, value);
    return value;
  }

  delete(key: string): void {
    this.current().delete(key);
  }

  keys(): IterableIterator<string> {
    return this.current().keys();
  }

  /** The entries, emptied first when the epoch has moved since they were kept. */
  private current(): Map<string, V> {
    if (this.epoch.value !== this.filledAt) {
      this.entries.clear();
      this.filledAt = this.epoch.value;
    }
    return this.entries;
  }
}
