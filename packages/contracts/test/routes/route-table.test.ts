import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, errorStatuses, isBinaryResponse, routeList } from '../../src/index.js';
import { routeAt } from '../support/route-at.js';
import { ROUTE_TABLE } from '../support/route-table.js';

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('the route table of omni-api.md', () => {
  it('lists every route of the contracts, and the contracts serve every route of the table', () => {
    expect(routeList.map(keyOf).sort()).toEqual(ROUTE_TABLE.map(keyOf).sort());
  });

  it('has no route twice (method and path)', () => {
    const keys = routeList.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(routeList.map((r) => r.id)).size).toBe(routeList.length);
  });

  it('counts 15 documented and 30 inferred routes, 6 of them deprecated aliases', () => {
    expect(ROUTE_TABLE.filter((r) => r.source === 'documented')).toHaveLength(15);
    expect(ROUTE_TABLE.filter((r) => r.source === 'inferred')).toHaveLength(30);
    expect(ROUTE_TABLE.filter((r) => r.deprecatedFor)).toHaveLength(6);
  });

  describe.each(ROUTE_TABLE.map((row) => [keyOf(row), row] as const))('%s', (key, row) => {
    const route = routeAt(key);

    it(`is ${row.source}`, () => {
      expect(route.source).toBe(row.source);
    });

    it(`is ${row.idempotent ? '' : 'not '}idempotent (${row.idempotentFrom})`, () => {
      expect(route.idempotent).toBe(row.idempotent);
    });

    it(row.deprecatedFor ? `is a deprecated alias of ${row.deprecatedFor}` : 'is not deprecated', () => {
      if (row.deprecatedFor) {
        expect(route.deprecated).toBeDefined();
        const current = routeList.find((r) => r.id === route.deprecated?.use);
        expect(current && keyOf(current)).toBe(`${row.method} ${row.deprecatedFor}`);
        // An alias is the same contract on another path.
        expect(current?.body).toBe(route.body);
        expect(current?.responses).toEqual(route.responses);
        expect(current?.idempotent).toBe(route.idempotent);
      } else {
        expect(route.deprecated).toBeUndefined();
      }
    });

    it(row.token ? 'needs the system key and tokenKey' : 'needs the system key only', () => {
      expect(route.auth).toBe(row.token ? 'user' : 'system');
      const tokenCodes = ['MISSING_TOKEN', 'INVALID_TOKEN', 'TOKEN_EXPIRED'].filter((c) =>
        route.errorCodes.includes(c as never),
      );
      expect(route.errorCodes).toEqual(expect.arrayContaining(['MISSING_SYSTEM_KEY', 'INVALID_SYSTEM_KEY']));
      if (row.token) expect(tokenCodes).toEqual(['MISSING_TOKEN', 'INVALID_TOKEN', 'TOKEN_EXPIRED']);
      else expect(tokenCodes).not.toContain('MISSING_TOKEN');
    });

    it(`answers ${row.success.join(', ')} on success`, () => {
      expect(Object.keys(route.responses).map(Number).sort()).toEqual([...row.success]);
    });

    it(`answers ${row.errors.join(', ')} on failure`, () => {
      expect(errorStatuses(route)).toEqual([...row.errors]);
      for (const code of route.errorCodes) expect(row.errors).toContain(ERROR_STATUS[code]);
    });

    it(row.path.startsWith('/vicidial/') ? 'keeps the vicidial error shape' : 'answers the Omni error body', () => {
      expect(route.errorShape).toBe(row.path.startsWith('/vicidial/') ? 'vicidial' : 'omni');
    });
  });

  it('B.2/B.4/B.5: routes whose state can forbid them name the specific 409 codes', () => {
    const specific: Readonly<Record<string, readonly string[]>> = {
      'POST /omni/users/{user_id}/login': ['EXTENSION_NOT_REGISTERED', 'INVALID_STATE'],
      'POST /omni/user/{user_id}/login': ['EXTENSION_NOT_REGISTERED', 'INVALID_STATE'],
      'POST /omni/users/{user_id}/state': ['AGENT_NOT_LOGGED_IN', 'INVALID_STATE'],
      'POST /omni/voice/{user_id}/call': ['AGENT_NOT_LOGGED_IN', 'INVALID_STATE'],
      'POST /omni/voice/{user_id}/shotgun': ['AGENT_NOT_LOGGED_IN', 'INVALID_STATE'],
      'POST /omni/voice/{user_id}/call/{call_id}/dispose': ['INVALID_STATE'],
      'POST /omni/voice/{user_id}/call/{call_id}/connect': ['INVALID_STATE'],
    };
    for (const [key, codes] of Object.entries(specific)) {
      expect(routeAt(key).errorCodes, key).toEqual(expect.arrayContaining([...codes]));
    }
  });

  it('B.2: FORBIDDEN_USER is on every {user_id} path and on archive (and its older path) only besides', () => {
    for (const route of routeList) {
      const expected =
        route.path.includes('{user_id}') ||
        route.path === '/vicidial/leads/archive' ||
        route.path === '/vicidial/lead/archive/';
      expect(route.errorCodes.includes('FORBIDDEN_USER'), keyOf(route)).toBe(expected);
    }
  });

  it('B.5: the recording download answers a WAV, not JSON', () => {
    const spec = routeAt('GET /omni/recording/{file}').responses[200];
    expect(spec && isBinaryResponse(spec) && spec.contentType).toBe('audio/wav');
  });
});
