import { describe, expect, it } from 'vitest';
import { errorSchemaFor } from '../src/index.js';
import { type FieldTable, checkFields, failsAt, req } from './support/field-table.js';
import { bodyOf, responseOf, routeAt } from './support/route-at.js';

/** A.7 the lead archive service: bodies and answers, transcribed from omni-api.md. */

const ARCHIVE = 'POST /vicidial/leads/archive';
const DEARCHIVE = 'POST /vicidial/leads/dearchive';

// A.3: archive `insert_leads`, `update_leads`, `delete_leads` booleans; `lead_ids` integer[].
checkFields(`${ARCHIVE} body`, bodyOf(ARCHIVE), {
  insert_leads: req('bool'),
  update_leads: req('bool'),
  delete_leads: req('bool'),
  lead_ids: req('idArray'),
});
// A.3: dearchive `insert_leads`, `delete_leads` booleans; `lead_ids` integer[].
checkFields(`${DEARCHIVE} body`, bodyOf(DEARCHIVE), {
  insert_leads: req('bool'),
  delete_leads: req('bool'),
  lead_ids: req('idArray'),
});

// A.7: 200 `{ message, select_count, insert_count, update_count, delete_count, http_code }`.
const ok: FieldTable = {
  message: req('string'),
  select_count: req('count'),
  insert_count: req('count'),
  update_count: req('count'),
  delete_count: req('count'),
  http_code: req({ literal: 200 }),
};
// A.7: 400 adds `lead_errors` (a count) and `lead_ids` (the offending ids, whatever they were).
const invalid: FieldTable = {
  message: req('string'),
  http_code: req({ literal: 400 }),
  lead_errors: req('count', { sample: 1 }),
  lead_ids: req('anyArray'),
};
// A.7: 401 and 403 carry `message` and `http_code`.
const refused: FieldTable = { message: req('string'), http_code: req('int', { sample: 401 }) };

for (const key of [ARCHIVE, DEARCHIVE]) {
  const route = routeAt(key);
  checkFields(`${key} 200`, responseOf(key), ok, { io: 'output' });
  checkFields(`${key} 400`, errorSchemaFor(route, 400), invalid, { io: 'output' });
  checkFields(`${key} 401`, errorSchemaFor(route, 401), refused, { io: 'output' });
}
checkFields(`${ARCHIVE} 403`, errorSchemaFor(routeAt(ARCHIVE), 403), refused, { io: 'output' });

describe('A.7 the lead_ids rule: 1..500 integers, no duplicates', () => {
  const flags = { insert_leads: true, update_leads: false, delete_leads: true };
  const archive = (lead_ids: unknown) => bodyOf(ARCHIVE).safeParse({ ...flags, lead_ids });
  const dearchive = (lead_ids: unknown) =>
    bodyOf(DEARCHIVE).safeParse({ insert_leads: true, delete_leads: true, lead_ids });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it.each([
    ['one id', [1]],
    ['500 ids', range(500)],
  ])('accepts %s', (_, ids) => {
    expect(archive(ids).success).toBe(true);
    expect(dearchive(ids).success).toBe(true);
  });

  it.each([
    ['no ids', [], 'lead_ids'],
    ['501 ids', range(501), 'lead_ids'],
    ['a duplicate id', [4, 5, 4], 'lead_ids.2'],
    ['a non-integer id', [4, 5.5], 'lead_ids.1'],
    ['a text id', [4, '5'], 'lead_ids.1'],
  ])('rejects %s at %s', (_, ids, path) => {
    expect(failsAt(archive(ids), path)).toBe(true);
    expect(failsAt(dearchive(ids), path)).toBe(true);
  });

  it('rejects a flag that is not a boolean', () => {
    expect(failsAt(bodyOf(ARCHIVE).safeParse({ ...flags, update_leads: 'yes', lead_ids: [1] }), 'update_leads')).toBe(
      true,
    );
  });
});
