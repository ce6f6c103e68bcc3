import { describe, expect, it } from 'vitest';
import {
  codesForStatus,
  ERROR_CODES,
  ERROR_STATUS,
  errorBody,
  errorCode,
  errorSchemaFor,
  errorStatuses,
  routeList,
  vicidialErrorBody,
  vicidialOfficeHoursBody,
  vicidialUnauthorizedBody,
  vicidialValidationErrorBody,
} from '../src/index.js';
import { checkFields, failsAt, opt, req } from './support/field-table.js';

/**
 * B.2: the closed list of `error_code`s with their statuses, and the error bodies; with two
 * inferred codes beyond B.2 (an ASP.NET service's 403 for a request from where it does not serve,
 * and 415 for a JSON body of another Content-Type).
 */
const B2 = {
  MISSING_SYSTEM_KEY: 401,
  INVALID_SYSTEM_KEY: 401,
  MISSING_TOKEN: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN_USER: 403,
  FORBIDDEN_ORIGIN: 403,
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  EXTENSION_NOT_REGISTERED: 409,
  AGENT_NOT_LOGGED_IN: 409,
  // inferred, messaging's rules (B.12.5).
  WINDOW_CLOSED_TEMPLATE_REQUIRED: 409,
  MESSAGE_TAG_REQUIRED: 409,
  RECIPIENT_OPTED_OUT: 409,
  TEMPLATE_NOT_APPROVED: 409,
  TEMPLATE_VARIABLES_MISMATCH: 400,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // inferred: the storage of the server failed (the mock's database file is corrupt).
  SERVICE_UNAVAILABLE: 503,
};

describe('the closed error-code list (B.2)', () => {
  it('has exactly the documented codes with their statuses', () => {
    expect(ERROR_STATUS).toEqual(B2);
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(B2).sort());
  });

  it.each(Object.entries(B2))('%s is accepted as an error_code', (code) => {
    expect(errorCode.parse(code)).toBe(code);
  });

  it('refuses a code outside the list', () => {
    expect(errorCode.safeParse('INVALID_CREDENTIALS').success).toBe(false);
    expect(errorCode.safeParse('not_found').success).toBe(false);
  });

  it('groups the codes by status', () => {
    expect(codesForStatus(401).sort()).toEqual(
      ['INVALID_SYSTEM_KEY', 'INVALID_TOKEN', 'MISSING_SYSTEM_KEY', 'MISSING_TOKEN', 'TOKEN_EXPIRED'].sort(),
    );
    expect(codesForStatus(404).sort()).toEqual(['NOT_FOUND', 'ROUTE_NOT_FOUND']);
    expect(codesForStatus(409).sort()).toEqual(
      [
        'AGENT_NOT_LOGGED_IN',
        'EXTENSION_NOT_REGISTERED',
        'INVALID_STATE',
        'MESSAGE_TAG_REQUIRED',
        'RECIPIENT_OPTED_OUT',
        'TEMPLATE_NOT_APPROVED',
        'WINDOW_CLOSED_TEMPLATE_REQUIRED',
      ].sort(),
    );
    expect(codesForStatus(400).sort()).toEqual(['TEMPLATE_VARIABLES_MISMATCH', 'VALIDATION_FAILED']);
    expect(codesForStatus(403).sort()).toEqual(['FORBIDDEN_ORIGIN', 'FORBIDDEN_USER']);
    expect(codesForStatus(415)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    expect(codesForStatus(418)).toEqual([]);
  });
});

// B.2: `{ success: false, detail, error_code }`; a 400 adds `errors: [{ field, message }]`.
checkFields(
  'the Omni error body',
  errorBody,
  {
    success: req({ literal: false }),
    detail: req('string'),
    error_code: req({ enum: Object.keys(B2) }),
    errors: opt('objectArray', {
      sample: [{ field: 'phone_numbers.0.phone_number', message: 'must be 3 to 16 digits' }],
    }),
  },
  { io: 'output' },
);
checkFields(
  'the Omni error body errors[]',
  errorBody,
  { field: req('string', { sample: 'phone_numbers.0.phone_number' }), message: req('string') },
  {
    io: 'output',
    wrap: (e) => ({ success: false, detail: 'invalid request', error_code: 'VALIDATION_FAILED', errors: [e] }),
    at: 'errors.0',
  },
);

describe('which error body each route answers with (B.2, A.7)', () => {
  it('every /omni route answers every error status with the Omni body', () => {
    for (const route of routeList.filter((r) => r.path.startsWith('/omni/'))) {
      for (const status of errorStatuses(route)) expect(errorSchemaFor(route, status), route.path).toBe(errorBody);
    }
  });

  it('the /vicidial routes keep `{ message, http_code }`: their 400 with lead_errors and lead_ids, their 401 and 403 with the documented message', () => {
    const vicidial = routeList.filter((r) => r.path.startsWith('/vicidial/'));
    expect(vicidial).toHaveLength(4);
    const documented: Record<number, unknown> = {
      400: vicidialValidationErrorBody,
      401: vicidialUnauthorizedBody,
      403: vicidialOfficeHoursBody,
    };
    for (const route of vicidial) {
      for (const status of errorStatuses(route)) {
        expect(errorSchemaFor(route, status), `${route.path} ${status}`).toBe(documented[status] ?? vicidialErrorBody);
      }
    }
  });

  it('a success body is never an error body', () => {
    expect(failsAt(errorBody.safeParse({ success: true, detail: 'ok', error_code: 'INTERNAL' }), 'success')).toBe(true);
  });
});
