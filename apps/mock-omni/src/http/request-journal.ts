/**
 * The request journal: the last N requests to a system's Omni routes with their bodies and answers, newest first, for
 * tests and the supervisor view. Kept in memory (a ring per system); it is a debugging aid, so a restart empties it.
 *
 * @module
 */

export interface JournalEntry {
  id: number;
  at: number;
  virtualAt: number;
  method: string;
  path: string;
  query: string;
  routeId: string | null;
  status: number;
  durationMs: number;
  fault: string | null;
  requestBody: unknown;
  responseBody: unknown;
}

export interface JournalFilter {
  limit: number;
  method?: string | undefined;
  path?: string | undefined;
  route_id?: string | undefined;
  status?: number | undefined;
  since_id?: number | undefined;
}

export class RequestJournal {
  private readonly entries: (JournalEntry | undefined)[];
  private next = 0;
  private lastId = 0;

  constructor(readonly capacity = 1000) {
    this.entries = new Array(capacity);
  }

  /** Takes the entry as it is (no copy: it runs on every request); gives it its id. */
  record(entry: JournalEntry): void {
    this.lastId++;
    entry.id = this.lastId;
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  query(filter: JournalFilter): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.capacity && out.length < filter.limit; i++) {
      const e = this.entries[(this.next - i + this.capacity) % this.capacity];
      if (!e) break;
      if (filter.since_id !== undefined && e.id <= filter.since_id) break;
      if (filter.method && e.method !== filter.method) continue;
      if (filter.path && !e.path.startsWith(filter.path)) continue;
      if (filter.route_id && e.routeId !== filter.route_id) continue;
      if (filter.status !== undefined && e.status !== filter.status) continue;
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
  }
}
