/**
 * Token digests → `token_id`, in memory, outside the JavaScript heap: an open-addressing hash
 * table in three typed arrays keyed by the digest's first 8 bytes (a SHA-256 is uniformly random,
 * so its first 4 bytes are a good hash already). 12 bytes a slot, at most 70% full: 17-34 bytes a
 * token, none of it for the garbage collector to trace (a `Map` of digest strings took 85 bytes of
 * heap a token, and every full collection marked each key).
 *
 * Only candidates come out: the caller checks each candidate's row for the whole digest. So an
 * entry that no longer matches its row — the row rolled back, or deleted with its system, its
 * `token_id` maybe taken again — never answers for another token, and entries are never removed
 * (the table is read again at the next start).
 */
export class TokenDigestIndex {
  private lo: Uint32Array;
  private hi: Uint32Array;
  /** 0 marks an empty slot: `token_id` is a rowid, from 1. */
  private ids: Uint32Array;
  private mask: number;
  private entries = 0;

  constructor(expected = 0) {
    let capacity = 1024;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.lo = new Uint32Array(capacity);
    this.hi = new Uint32Array(capacity);
    this.ids = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Entries held (stale ones included). */
  get size(): number {
    return this.entries;
  }

  /** Bytes of the table (what it costs in memory). */
  get bytes(): number {
    return this.ids.length * 12;
  }

  add(digest: Uint8Array, id: number): void {
    this.addKey(word(digest, 0), word(digest, 4), id);
  }

  /** An entry by its key: the digest's bytes 0-3 and 4-7, each read big-endian. */
  addKey(lo: number, hi: number, id: number): void {
    if (!Number.isInteger(id) || id < 1 || id > 0xffff_ffff) throw new Error(`token_id ${id} is out of range`);
    if (this.entries + 1 > this.ids.length * MAX_LOAD) this.grow();
    this.place(lo >>> 0, hi >>> 0, id);
    this.entries++;
  }

  /** The candidate `accept` takes (it checks the row: at most one row holds a digest). */
  find(digest: Uint8Array, accept: (id: number) => boolean): number | undefined {
    const lo = word(digest, 0);
    const hi = word(digest, 4);
    const { ids, mask } = this;
    for (let i = lo & mask; ids[i] !== 0; i = (i + 1) & mask) {
      const id = ids[i] as number;
      if (this.lo[i] === lo && this.hi[i] === hi && accept(id)) return id;
    }
    return undefined;
  }

  private place(lo: number, hi: number, id: number): void {
    const { ids, mask } = this;
    let i = lo & mask;
    while (ids[i] !== 0) i = (i + 1) & mask;
    this.lo[i] = lo;
    this.hi[i] = hi;
    ids[i] = id;
  }

  private grow(): void {
    const { lo, hi, ids } = this;
    const capacity = ids.length * 2;
    this.lo = new Uint32Array(capacity);
    this.hi = new Uint32Array(capacity);
    this.ids = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id !== 0) this.place(lo[i] as number, hi[i] as number, id);
    }
  }
}

const MAX_LOAD = 0.7;

/** 4 bytes of the digest as an unsigned integer, big-endian (as SQLite's hex() spells them). */
const word = (d: Uint8Array, at: number): number =>
  (((d[at] as number) << 24) | ((d[at + 1] as number) << 16) | ((d[at + 2] as number) << 8) | (d[at + 3] as number)) >>>
  0;
