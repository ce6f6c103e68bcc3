import { describe, expect, it } from 'vitest';
import { omniOpenApiDocument, type RouteDef, routeList } from '../../src/index.js';

/**
 * The request examples the docs page's "Try it out" starts from: real for the demo data, and each
 * valid for its own route's schema (so a first try is never a 400 of the example's making).
 */
type Json = Record<string, unknown>;
const doc = omniOpenApiDocument() as unknown as { paths: Record<string, Record<string, Json>>; components: Json };

function operationOf(route: RouteDef): Json {
  const op = doc.paths[route.path]?.[route.method.toLowerCase()];
  if (!op) throw new Error(`no operation for ${route.id}`);
  return op;
}

function bodyExample(route: RouteDef): unknown {
  const body = operationOf(route).requestBody as Json | undefined;
  return (body?.content as Record<string, Json> | undefined)?.['application/json']?.example;
}

describe('request examples', () => {
  it('A.2: authorize is agent1 with the Base64 of password1, on every authorize path', () => {
    for (const id of ['authorize', 'authorizeLegacyLogin', 'authorizeLegacyLoginAuthorize']) {
      const route = routeList.find((r) => r.id === id) as RouteDef;
      expect(bodyExample(route), id).toEqual({ user_name: 'agent1', password: 'cGFzc3dvcmQx' });
    }
    expect(Buffer.from('cGFzc3dvcmQx', 'base64').toString('ascii')).toBe('password1');
  });

  it('B.10: the click-2-dial example calls a magic number that answers', () => {
    const route = routeList.find((r) => r.id === 'makeCall') as RouteDef;
    expect(bodyExample(route)).toMatchObject({ phone_number: '0800555008' });
  });

  describe.each(routeList.map((r) => [r.id, r] as const))('%s', (_id, route) => {
    if (route.body) {
      const schema = route.body;
      it('has a body example that its own schema accepts', () => {
        const example = bodyExample(route);
        expect(example).toBeDefined();
        const parsed = schema.safeParse(example);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      });
    }

    it('has an example for each path and query parameter that its schema accepts', () => {
      const parameters = (operationOf(route).parameters ?? []) as Json[];
      const path = Object.fromEntries(
        parameters.filter((p) => p.in === 'path').map((p) => [p.name, String(p.example)]),
      );
      for (const p of parameters.filter((q) => q.in === 'path')) expect(p.example, String(p.name)).toBeDefined();
      if (route.params) expect(route.params.safeParse(path).success).toBe(true);
      const query = Object.fromEntries(
        parameters.filter((p) => p.in === 'query' && p.example !== undefined).map((p) => [p.name, String(p.example)]),
      );
      if (route.query) expect(route.query.safeParse(query).success).toBe(true);
    });
  });

  it('the examples are not the generator’s placeholders', () => {
    const text = JSON.stringify(doc.paths);
    expect(text).not.toMatch(/"example":\s*"string"/);
  });

  it('A.2: the system-key scheme says to type `Key=` before the key', () => {
    const schemes = (doc.components as { securitySchemes: Record<string, Json> }).securitySchemes;
    expect(String(schemes.SystemKey?.description)).toMatch(/`Key=` and then the key, e\.g\. `Key=omni-demo-key`/);
    expect(String(schemes.SystemKeyQuery?.description)).toMatch(/no `Key=`/);
  });
});
