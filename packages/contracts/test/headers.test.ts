import { describe, expect, it } from 'vitest';
import { ADMIN_KEY_HEADER, controlRouteList } from '../src/control/index.js';
import { routeList, routes } from '../src/index.js';

/**
 * A.2: the system key on every request as `Authorization: Key=<key>`; `tokenKey` on all but
 * authorize and (A.3, A.7) the `/vicidial/*` archive service, whose pages show the system key only.
 */
const NO_TOKEN = [
  'authorize',
  'authorizeLegacyLogin',
  'authorizeLegacyLoginAuthorize',
  'archiveLeads',
  'archiveLeadsLegacy',
  'dearchiveLeads',
  'dearchiveLeadsLegacy',
];

describe('credential headers of each route (A.2)', () => {
  it.each(routeList.map((r) => [r.id, r] as const))('%s', (id, route) => {
    const names = Object.keys(route.headers.shape).sort();
    expect(names).toEqual(NO_TOKEN.includes(id) ? ['Authorization'] : ['Authorization', 'tokenKey']);
  });

  it('the system key header is "Key=<key>"; the token is required where it is needed', () => {
    const h = routes.listUsers.headers;
    expect(h.safeParse({ Authorization: 'Key=omni-demo-key', tokenKey: 'abc' }).success).toBe(true);
    expect(h.safeParse({ Authorization: 'Bearer omni-demo-key', tokenKey: 'abc' }).success).toBe(false);
    expect(h.safeParse({ Authorization: 'Key=omni-demo-key' }).success).toBe(false);
    // The auth-key query parameter may stand in for the header.
    expect(routes.authorize.headers.safeParse({}).success).toBe(true);
  });

  it('admin control routes take the mock admin key header', () => {
    const admin = controlRouteList.filter((r) => r.auth === 'admin');
    expect(admin.length).toBeGreaterThan(0);
    for (const r of admin) expect(Object.keys(r.headers.shape)).toContain(ADMIN_KEY_HEADER);
  });
});
