import { describe, expect, it } from 'vitest';
import {
  errorSchemaFor,
  VICIDIAL_NOT_FOUND_MESSAGE,
  vicidialErrorBody,
  vicidialNotFoundBody,
} from '../../src/index.js';
import { checkFields, type FieldTable, failsAt, issuePaths, req } from '../support/field-table.js';
import { bodyOf, responseOf, routeAt } from '../support/route-at.js';

/**
 * A.7 the lead archive service: bodies and answers, transcribed from omni-api.md (pages
 * 2327379978 archive, 2340978703 dearchive, 2362507280 the response catalogue). The older paths
 * are the same contract (route-table.test.ts checks that an alias shares body and answers).
 */

const ARCHIVE = 'POST /vicidial/leads/archive';
const DEARCHIVE = 'POST /vicidial/leads/dearchive';
const ARCHIVE_OLD = 'POST /vicidial/lead/archive/';
const DEARCHIVE_OLD = 'POST /vicidial/lead/dearchive';

// A.3 (page 2327379978): archive `insert_leads`, `update_leads`, `delete_leads` booleans; `lead_ids` integer[].
checkFields(`${ARCHIVE} body`, bodyOf(ARCHIVE), {
  insert_leads: req('bool'),
  update_leads: req('bool'),
  delete_leads: req('bool'),
  lead_ids: req('idArray'),
});
// A.3 (page 2340978703): dearchive `insert_leads`, `delete_leads` booleans; `lead_ids` integer[].
checkFields(`${DEARCHIVE} body`, bodyOf(DEARCHIVE), {
  insert_leads: req('bool'),
  delete_leads: req('bool'),
  lead_ids: req('idArray'),
});

// A.7 (page 2362507280): the documented messages, verbatim (`atleast` sic).
const PROCESSED = 'lead_ids batch was successfully processed';
const UNAUTHORIZED = 'unable to validate api user';
const OFFICE_HOURS = 'api cannot be executed during office hours time condition';
const INVALID = [
  'insert_leads must be a boolean value',
  'update_leads must be a boolean value',
  'delete_leads must be a boolean value',
  'lead_ids must only contain integer values',
  'lead_ids must contain atleast 1 value',
  'lead_ids cannot exceed 500 values',
  'lead_ids cannot contain duplicate values',
];

// 200 `{ message, select_count, insert_count, update_count, delete_count, http_code }`.
const ok: FieldTable = {
  message: req({ literal: PROCESSED }),
  select_count: req('count'),
  insert_count: req('count'),
  update_count: req('count'),
  delete_count: req('count'),
  http_code: req({ literal: 200 }),
};
// 400 `{ message, lead_errors, lead_ids, http_code }`: lead_ids echoes the values as sent.
const invalid: FieldTable = {
  message: req({ enum: INVALID }),
  http_code: req({ literal: 400 }),
  lead_errors: req('count', { sample: 1 }),
  lead_ids: req('anyArray'),
};
// 401 and 403 `{ message, http_code }`, each with its one message.
const unauthorized: FieldTable = { message: req({ literal: UNAUTHORIZED }), http_code: req({ literal: 401 }) };
const officeHours: FieldTable = { message: req({ literal: OFFICE_HOURS }), http_code: req({ literal: 403 }) };

for (const key of [ARCHIVE, DEARCHIVE, ARCHIVE_OLD, DEARCHIVE_OLD]) {
  const route = routeAt(key);
  checkFields(`${key} 200`, responseOf(key), ok, { io: 'output' });
  checkFields(`${key} 400`, errorSchemaFor(route, 400), invalid, { io: 'output' });
  checkFields(`${key} 401`, errorSchemaFor(route, 401), unauthorized, { io: 'output' });
}
for (const key of [ARCHIVE, ARCHIVE_OLD]) {
  checkFields(`${key} 403`, errorSchemaFor(routeAt(key), 403), officeHours, { io: 'output' });
}
// A.7 says an unknown path under /vicidial/ answers 404 in this shape; its text is inferred.
checkFields('/vicidial/* 404', vicidialNotFoundBody, {
  message: req({ literal: VICIDIAL_NOT_FOUND_MESSAGE }),
  http_code: req({ literal: 404 }),
});
// The statuses the wiki does not catalogue (413, 429, 500) keep the shape, message inferred.
checkFields('/vicidial/* other errors', vicidialErrorBody, {
  message: req('string'),
  http_code: req('int', { sample: 413 }),
});

describe('A.7 the body rules: each broken rule is reported with its documented message', () => {
  const flags = { insert_leads: true, update_leads: false, delete_leads: true };
  const archive = (body: unknown) => bodyOf(ARCHIVE).safeParse(body);
  const dearchive = (body: unknown) => bodyOf(DEARCHIVE).safeParse(body);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const messagesAt = (result: ReturnType<typeof archive>, path: string) =>
    (result.error?.issues ?? []).filter((i) => i.path.join('.') === path).map((i) => i.message);

  // page, case, lead_ids
  it.each([
    ['2327379978', 'the wiki’s own example [0, 1]: 0 is a valid id that selects nothing', [0, 1]],
    ['2327379978', 'one id', [1]],
    ['2327379978', '500 ids', range(500)],
    ['inferred', 'a negative id (an integer; selects nothing)', [-4, 2]],
  ])('page %s accepts %s', (_, __, ids) => {
    expect(archive({ ...flags, lead_ids: ids }).error?.issues ?? []).toEqual([]);
    expect(dearchive({ insert_leads: true, delete_leads: true, lead_ids: ids }).error?.issues ?? []).toEqual([]);
  });

  // page, case, body, path, message
  it.each([
    [
      '2362507280',
      'insert_leads missing',
      { update_leads: true, delete_leads: true, lead_ids: [1] },
      'insert_leads',
      'insert_leads must be a boolean value',
    ],
    [
      '2362507280',
      'insert_leads "true"',
      { ...flags, insert_leads: 'true', lead_ids: [1] },
      'insert_leads',
      'insert_leads must be a boolean value',
    ],
    [
      '2362507280',
      'update_leads 1',
      { ...flags, update_leads: 1, lead_ids: [1] },
      'update_leads',
      'update_leads must be a boolean value',
    ],
    [
      '2362507280',
      'delete_leads null',
      { ...flags, delete_leads: null, lead_ids: [1] },
      'delete_leads',
      'delete_leads must be a boolean value',
    ],
    [
      '2362507280',
      'a text id',
      { ...flags, lead_ids: [4, '5'] },
      'lead_ids.1',
      'lead_ids must only contain integer values',
    ],
    [
      '2362507280',
      'a decimal id',
      { ...flags, lead_ids: [4, 5.5] },
      'lead_ids.1',
      'lead_ids must only contain integer values',
    ],
    [
      'inferred',
      'lead_ids a text',
      { ...flags, lead_ids: '1,2' },
      'lead_ids',
      'lead_ids must only contain integer values',
    ],
    ['2362507280', 'no ids', { ...flags, lead_ids: [] }, 'lead_ids', 'lead_ids must contain atleast 1 value'],
    ['inferred', 'lead_ids missing', { ...flags }, 'lead_ids', 'lead_ids must contain atleast 1 value'],
    ['2362507280', '501 ids', { ...flags, lead_ids: range(501) }, 'lead_ids', 'lead_ids cannot exceed 500 values'],
    [
      '2327379978',
      'a duplicate id',
      { ...flags, lead_ids: [4, 5, 4] },
      'lead_ids.2',
      'lead_ids cannot contain duplicate values',
    ],
  ] as const)('page %s: %s fails at %s with its message', (_, __, body, path, message) => {
    const result = archive(body);
    expect(failsAt(result, path), issuePaths(result).join(', ')).toBe(true);
    expect(messagesAt(result, path)).toContain(message);
  });

  it('page 2340978703: dearchive reports its flags and ids with the same messages', () => {
    const bad = dearchive({ insert_leads: true, delete_leads: 'no', lead_ids: [1, 1] });
    expect(messagesAt(bad, 'delete_leads')).toEqual(['delete_leads must be a boolean value']);
    const dup = dearchive({ insert_leads: true, delete_leads: true, lead_ids: [1, 1] });
    expect(messagesAt(dup, 'lead_ids.1')).toEqual(['lead_ids cannot contain duplicate values']);
  });
});
