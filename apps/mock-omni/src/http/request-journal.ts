/**
 * The request journal: the last N requests to a system's Omni routes with their bodies and answers, newest first, for
 * tests and the supervisor view. Kept in memory (a ring per system); it is a debugging aid, so a restart empties it.
 *
 * Each entry is kept as one UTF-8 JSON text in a buffer outside V8's heap, not as objects. Kept as objects, an entry
 * lived for the next 1,000 requests: under a load it outlived two scavenges and was promoted, so the old generation
 * filled with entries at the request rate and a full collection (which marks the whole live heap) ran every tenth of a
 * second — a fifth of the CPU time of a `GET /omni/campaign/{id}` (docs/performance.md). In the buffer an entry costs
 * the collector nothing, and is parsed again only when the journal is read.
 *
 * The buffer is a ring: entries are written one after another, and the oldest are dropped when the next does not fit.
 * It starts small and doubles while the entries, not their number, would make it drop one, up to `maxBytes`; so a
 * journal of large bodies may hold fewer than `capacity` entries. Bodies are kept as they were sent (the
 * request as received, the answer as answered): the masking of secrets and the bounds are applied where the journal is
 * read (`GET /__mock/journal`), to what it hands out.
 *
 * @module
 */

/** One journal entry as read back: the bodies parsed from their JSON, as sent (not yet masked). */
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

/** What `record` takes: an entry with its bodies as JSON texts (`null`: no body was read). */
export interface JournalRecord extends Omit<JournalEntry, 'id' | 'requestBody' | 'responseBody'> {
  requestJson: string | null;
  responseJson: string;
}

export interface JournalFilter {
  limit: number;
  method?: string | undefined;
  path?: string | undefined;
  route_id?: string | undefined;
  status?: number | undefined;
  since_id?: number | undefined;
}

/** Bytes of a new journal's buffer. */
export const JOURNAL_INITIAL_BYTES = 64 * 1024;
/** Bytes the buffer grows to at most. */
export const JOURNAL_MAX_BYTES = 8 * 1024 * 1024;
/** An entry's answer is kept as `{ truncated: true, bytes }` when the entry would be larger than this. */
export const JOURNAL_ENTRY_MAX_BYTES = 1024 * 1024;

export interface RequestJournalOptions {
  /** Entries kept at most (default 1,000). */
  capacity?: number;
  initialBytes?: number;
  maxBytes?: number;
}

export class RequestJournal {
  readonly capacity: number;
  private readonly initialBytes: number;
  private readonly maxBytes: number;
  private buffer: Buffer;
  /** Per slot: where its text starts in `buffer`, its length in bytes, and its entry's id. */
  private readonly starts: Uint32Array;
  private readonly lengths: Uint32Array;
  private readonly ids: Float64Array;
  /** The next slot and byte to write; how many entries are held (the oldest is `live` slots behind `next`). */
  private next = 0;
  private head = 0;
  private live = 0;
  private lastId = 0;

  constructor(options: RequestJournalOptions | number = {}) {
    const o = typeof options === 'number' ? { capacity: options } : options;
    this.capacity = o.capacity ?? 1000;
    this.maxBytes = o.maxBytes ?? JOURNAL_MAX_BYTES;
    this.initialBytes = Math.min(o.initialBytes ?? JOURNAL_INITIAL_BYTES, this.maxBytes);
    this.buffer = Buffer.allocUnsafeSlow(this.initialBytes);
    this.starts = new Uint32Array(this.capacity);
    this.lengths = new Uint32Array(this.capacity);
    this.ids = new Float64Array(this.capacity);
  }

  /** Entries held now. */
  get size(): number {
    return this.live;
  }

  /** Bytes the buffer holds now (it grows with the entries' size, up to `maxBytes`). */
  get bytes(): number {
    return this.buffer.length;
  }

  /** Writes the entry (its bodies as given: masking is the reader's) and gives it the next id. */
  record(r: JournalRecord): void {
    const id = this.lastId + 1;
    let text = entryText(id, r, r.responseJson);
    let n = Buffer.byteLength(text);
    const limit = Math.min(JOURNAL_ENTRY_MAX_BYTES, this.maxBytes);
    if (n > limit) {
      text = entryText(id, r, `{"truncated":true,"bytes":${Buffer.byteLength(r.responseJson)}}`);
      n = Buffer.byteLength(text);
      if (n > limit) return; // a request line over the limit is refused by the HTTP server long before this
    }
    this.lastId = id;
    const at = this.placeFor(n);
    this.buffer.write(text, at, n, 'utf8');
    const slot = this.next;
    this.starts[slot] = at;
    this.lengths[slot] = n;
    this.ids[slot] = id;
    this.next = (slot + 1) % this.capacity;
    this.head = at + n;
    this.live++;
  }

  /** Newest first. */
  query(filter: JournalFilter): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.live && out.length < filter.limit; i++) {
      const slot = (this.next - i + this.capacity) % this.capacity;
      if (filter.since_id !== undefined && (this.ids[slot] as number) <= filter.since_id) break;
      const start = this.starts[slot] as number;
      const e = JSON.parse(this.buffer.toString('utf8', start, start + (this.lengths[slot] as number))) as JournalEntry;
      if (filter.method && e.method !== filter.method) continue;
      if (filter.path && !e.path.startsWith(filter.path)) continue;
      if (filter.route_id && e.routeId !== filter.route_id) continue;
      if (filter.status !== undefined && e.status !== filter.status) continue;
      out.push(e);
    }
    return out;
  }

  /** Drops every entry (ids go on from the last one) and gives back a grown buffer. */
  clear(): void {
    this.live = 0;
    this.head = 0;
    if (this.buffer.length > this.initialBytes) this.buffer = Buffer.allocUnsafeSlow(this.initialBytes);
  }

  /** Where `n` bytes go: after the newest entry, or at the start of the buffer, dropping the oldest or growing. */
  private placeFor(n: number): number {
    if (this.live === this.capacity) this.live--;
    for (;;) {
      if (this.live === 0) {
        this.head = 0;
        if (n <= this.buffer.length) return 0;
      } else {
        const oldest = this.starts[(this.next - this.live + this.capacity) % this.capacity] as number;
        if (oldest < this.head) {
          // Held: [oldest, head). Free: after head, and before oldest.
          if (n <= this.buffer.length - this.head) return this.head;
          if (n <= oldest) return 0;
        } else if (n <= oldest - this.head) {
          // Held: [oldest, end of the entries there) and [0, head). Free: between head and oldest.
          return this.head;
        }
      }
      if (this.buffer.length < this.maxBytes) this.grow(n);
      else this.live--;
    }
  }

  /** A buffer twice as large (or as large as needed), the entries copied to its start oldest first. */
  private grow(n: number): void {
    let held = 0;
    for (let i = this.live; i >= 1; i--)
      held += this.lengths[(this.next - i + this.capacity) % this.capacity] as number;
    let size = this.buffer.length * 2;
    while (size < held + n) size *= 2;
    const grown = Buffer.allocUnsafeSlow(Math.min(size, this.maxBytes));
    let at = 0;
    for (let i = this.live; i >= 1; i--) {
      const slot = (this.next - i + this.capacity) % this.capacity;
      const start = this.starts[slot] as number;
      const length = this.lengths[slot] as number;
      this.buffer.copy(grown, at, start, start + length);
      this.starts[slot] = at;
      at += length;
    }
    this.buffer = grown;
    this.head = at;
    // More than the largest buffer holds: the oldest entries go (placeFor drops them).
  }
}

/** An entry as the JSON text the buffer keeps (the bodies are JSON texts already). */
function entryText(id: number, r: JournalRecord, responseJson: string): string {
  return `{"id":${id},"at":${r.at},"virtualAt":${r.virtualAt},"method":${JSON.stringify(r.method)},"path":${JSON.stringify(
    r.path,
  )},"query":${JSON.stringify(r.query)},"routeId":${r.routeId === null ? 'null' : JSON.stringify(r.routeId)},"status":${
    r.status
  },"durationMs":${r.durationMs},"fault":${r.fault === null ? 'null' : JSON.stringify(r.fault)},"requestBody":${
    r.requestJson ?? 'null'
  },"responseBody":${responseJson}}`;
}
