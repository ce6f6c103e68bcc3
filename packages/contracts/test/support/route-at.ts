import type { z } from 'zod';
import { isBinaryResponse, type RouteDef, routeList } from '../../src/index.js';

/** The route object serving `"METHOD /path"`, found by what the wire shows, not by its code name. */
export function routeAt(key: string): RouteDef {
  const route = routeList.find((r) => `${r.method} ${r.path}` === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}

export function bodyOf(key: string): z.ZodType {
  const body = routeAt(key).body;
  if (!body) throw new Error(`${key} has no body`);
  return body;
}

export function responseOf(key: string, status = 200): z.ZodType {
  const spec = routeAt(key).responses[status];
  if (!spec || isBinaryResponse(spec)) throw new Error(`${key} has no JSON ${status} response`);
  return spec;
}
