import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import { journalAnswer } from '../../src/http/journal-request.js';
import { RawBinary } from '../../src/http/raw-binary.js';
import { RawJson } from '../../src/http/raw-json.js';
import { JOURNAL_ENTRY_MAX_BYTES, type JournalRecord, RequestJournal } from '../../src/http/request-journal.js';

function recordOf(n: number, over: Partial<JournalRecord> = {}): JournalRecord {
  return {
    at: 1_700_000_000_000 + n,
    virtualAt: 1_600_000_000_000 + n,
    method: n % 2 ? 'POST' : 'GET',
    path: `/omni/thing/${n}`,
    query: n % 3 ? '' : `?page=${n}`,
    routeId: n % 5 ? 'getThing' : null,
    status: n % 4 ? 200 : 404,
    durationMs: n / 1000,
    fault: n % 7 ? null : 'drop',
    requestJson: n % 2 ? JSON.stringify({ n, note: 'x'.repeat(n % 50) }) : null,
    responseJson: JSON.stringify({ n, answer: 'é✓'.repeat(n % 40) }),
    ...over,
  };
}

/** What `query` gives back for a record with this id. */
function entryOf(id: number, r: JournalRecord) {
  const { requestJson, responseJson, ...rest } = r;
  return {
    id,
    ...rest,
    requestBody: requestJson === null ? null : JSON.parse(requestJson),
    responseBody: JSON.parse(responseJson),
  };
}

describe('the request journal kept as text outside the heap', () => {
  it('reads back what was recorded, newest first, with the filters of GET /__mock/journal', () => {
    const journal = new RequestJournal();
    const records = Array.from({ length: 30 }, (_, i) => recordOf(i + 1));
    for (const r of records) journal.record(r);
    const all = journal.query({ limit: 1000 });
    expect(all).toEqual(records.map((r, i) => entryOf(i + 1, r)).reverse());
    expect(journal.query({ limit: 3 }).map((e) => e.id)).toEqual([30, 29, 28]);
    expect(journal.query({ limit: 100, since_id: 26 }).map((e) => e.id)).toEqual([30, 29, 28, 27]);
    expect(journal.query({ limit: 100, method: 'POST' }).every((e) => e.method === 'POST')).toBe(true);
    expect(journal.query({ limit: 100, status: 404 }).map((e) => e.id)).toEqual([28, 24, 20, 16, 12, 8, 4]);
    expect(journal.query({ limit: 100, path: '/omni/thing/2' }).map((e) => e.id)).toEqual([
      29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 2,
    ]);
    expect(journal.query({ limit: 2, route_id: 'getThing' }).map((e) => e.id)).toEqual([29, 28]);
  });

  it('keeps the last `capacity` entries', () => {
    const journal = new RequestJournal({ capacity: 3 });
    for (let i = 1; i <= 5; i++) journal.record(recordOf(i));
    expect(journal.query({ limit: 10 }).map((e) => e.id)).toEqual([5, 4, 3]);
    expect(journal.size).toBe(3);
  });

  it('grows its buffer while the entries, not their number, would drop one', () => {
    const journal = new RequestJournal({ capacity: 100, initialBytes: 1024, maxBytes: 1024 * 1024 });
    const big = (i: number) => recordOf(i, { responseJson: JSON.stringify({ text: 'y'.repeat(900) }) });
    for (let i = 1; i <= 100; i++) journal.record(big(i));
    expect(journal.size).toBe(100);
    expect(journal.bytes).toBeGreaterThanOrEqual(100 * 900);
    expect(journal.bytes).toBeLessThanOrEqual(1024 * 256);
    expect(journal.query({ limit: 1000 })).toEqual(
      Array.from({ length: 100 }, (_, i) => entryOf(i + 1, big(i + 1))).reverse(),
    );
  });

  it('holds the newest entries that fit once the buffer is at its largest, whatever their sizes (seeded)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = Rng.fromSeed(seed);
      const maxBytes = 16 * 1024;
      const journal = new RequestJournal({ capacity: 50, initialBytes: 512, maxBytes });
      const written: JournalRecord[] = [];
      for (let i = 1; i <= 2_000; i++) {
        const size = Math.floor(rng.next() * (rng.next() < 0.1 ? 6_000 : 600));
        const r = recordOf(i, { responseJson: JSON.stringify({ i, pad: 'z'.repeat(size) }) });
        written.push(r);
        journal.record(r);
        if (i % 97 === 0 || i === 2_000) {
          const held = journal.query({ limit: 1000 });
          // The newest entries, in order, none lost in between, the last one always there.
          const ids = held.map((e) => e.id);
          expect(ids[0]).toBe(i);
          expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => i - k));
          expect(held.length).toBeLessThanOrEqual(50);
          expect(held).toEqual(ids.map((id) => entryOf(id, written[id - 1] as JournalRecord)));
          const bytes = held.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
          expect(bytes).toBeLessThanOrEqual(maxBytes);
          expect(journal.bytes).toBe(maxBytes);
        }
      }
    }
  });

  it('keeps an answer too large for it as its size, and the request as sent', () => {
    const journal = new RequestJournal();
    const answer = JSON.stringify({ users: 'u'.repeat(JOURNAL_ENTRY_MAX_BYTES) });
    journal.record(recordOf(1, { requestJson: '{"a": 1}', responseJson: answer }));
    const [entry] = journal.query({ limit: 1 });
    expect(entry?.responseBody).toEqual({ truncated: true, bytes: Buffer.byteLength(answer) });
    expect(entry?.requestBody).toEqual({ a: 1 });
  });

  it('empties on clear, gives back a grown buffer, and goes on counting ids', () => {
    const journal = new RequestJournal({ initialBytes: 1024 });
    for (let i = 1; i <= 20; i++) journal.record(recordOf(i, { responseJson: JSON.stringify('w'.repeat(500)) }));
    expect(journal.bytes).toBeGreaterThan(1024);
    journal.clear();
    expect(journal.query({ limit: 100 })).toEqual([]);
    expect(journal.bytes).toBe(1024);
    journal.record(recordOf(21));
    expect(journal.query({ limit: 100 }).map((e) => e.id)).toEqual([21]);
  });

  it('keeps every answer as JSON it can read back: the text sent, a binary one as its type and size, none as null', () => {
    const journal = new RequestJournal();
    const answers = [
      journalAnswer({ ok: true }, '{"ok":true}'),
      journalAnswer({ ok: true }, undefined),
      journalAnswer(undefined, undefined),
      journalAnswer(new RawJson('{"kept":"as sent"}'), undefined),
      journalAnswer(new RawBinary('audio/wav', 3, new Uint8Array(3)), undefined),
    ];
    for (const responseJson of answers) journal.record(recordOf(1, { responseJson }));
    expect(journal.query({ limit: 10 }).map((e) => e.responseBody)).toEqual([
      { binary: 'audio/wav', bytes: 3 },
      { kept: 'as sent' },
      null,
      { ok: true },
      { ok: true },
    ]);
  });
});
