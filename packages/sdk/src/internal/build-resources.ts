/**
 * Builds the client's method table from the contracts' routes: one function per current route,
 * under its group, turning positional arguments into a path, a body or a query.
 *
 * @module
 */

import { pathId, type RouteDef, routes } from '@omnikit/contracts';
import { type MessagingRouteId, messagingRoutes } from '@omnikit/contracts/messaging';
import { MESSAGING_METHOD_NAMES } from '../messaging-method-names.js';
import { type CurrentRouteId, METHOD_NAMES } from '../method-names.js';
import type { RequestOptions } from '../route-method.js';
import type { Execute, TokenSource } from './request-executor.js';

type AnyMethod = (...args: unknown[]) => Promise<unknown>;
export type MethodTable = Record<string, Record<string, AnyMethod>>;

interface Plan {
  readonly route: RouteDef;
  readonly group: string;
  readonly name: string;
  /**
   * The path template cut at its parameters: `/omni/voice/{user_id}/call/{call_id}/hold` →
   * texts `['/omni/voice/', '/call/', '/hold']`, params `['user_id', 'call_id']`.
   */
  readonly texts: readonly string[];
  readonly params: readonly string[];
  /** Per parameter: an id (the contract's `pathId`: an integer), or free text (a recording's file name). */
  readonly isId: readonly boolean[];
  /** Path parameters the caller passes, in path order (`user_id` comes from the session). */
  readonly positional: number;
  readonly input: 'body' | 'query' | 'none';
}

function plan(route: RouteDef, group: string, name: string): Plan {
  const texts: string[] = [];
  const params: string[] = [];
  let rest = route.path;
  for (let m = /\{([a-z_]+)\}/.exec(rest); m; m = /\{([a-z_]+)\}/.exec(rest)) {
    texts.push(rest.slice(0, m.index));
    params.push(m[1] as string);
    rest = rest.slice(m.index + m[0].length);
  }
  texts.push(rest);
  return {
    route,
    group,
    name,
    texts,
    params,
    isId: params.map((n) => route.params?.shape[n] === pathId),
    positional: params.filter((n) => n !== 'user_id').length,
    input: route.body ? 'body' : route.query ? 'query' : 'none',
  };
}

/**
 * Built once: how each current route turns positional arguments into an invocation. Omni's routes
 * sit under their contract group; the messaging routes where MESSAGING_METHOD_NAMES puts them.
 */
const PLANS: readonly Plan[] = [
  ...(Object.keys(METHOD_NAMES) as CurrentRouteId[])
    .filter((id) => id !== 'authorize')
    .map((id) => plan(routes[id], routes[id].group, METHOD_NAMES[id])),
  ...(Object.keys(MESSAGING_METHOD_NAMES) as MessagingRouteId[]).map((id) => {
    const [group, name] = MESSAGING_METHOD_NAMES[id];
    return plan(messagingRoutes[id], group, name);
  }),
];

/**
 * Generates the methods of every current route, by contract group, bound to one session (none:
 * the routes that take the system key only). The typed view over the result is
 * `SessionResources`/`AgentResources` (resources.ts).
 */
export function buildMethodTable(execute: Execute, session: TokenSource | undefined): MethodTable {
  const table: MethodTable = {};
  for (const p of PLANS) {
    const { route, texts, params, positional, input } = p;
    const method: AnyMethod = (...args) => {
      let path = texts[0] as string;
      let next = 0;
      for (let i = 0; i < params.length; i++) {
        const name = params[i] as string;
        let value: unknown;
        if (name === 'user_id') value = session?.userId;
        else {
          value = args[next];
          next += 1;
        }
        const segment = p.isId[i] ? idSegment(value) : textSegment(value);
        if (segment === undefined) {
          const must = p.isId[i]
            ? 'a whole number, 0 or more (or a string of its digits)'
            : 'a non-empty string other than "." and ".."';
          const where = name === 'user_id' ? "the session's user_id" : `argument ${next} (${name})`;
          throw new TypeError(`${p.group}.${p.name}: ${where} must be ${must}; got ${describe(value)}`);
        }
        path += segment + (texts[i + 1] as string);
      }
      const given = input === 'none' ? undefined : args[positional];
      const options = args[input === 'none' ? positional : positional + 1] as RequestOptions | undefined;
      return execute({
        route,
        path,
        body: input === 'body' ? given : undefined,
        query: input === 'query' ? (given as Record<string, unknown> | undefined) : undefined,
        session,
        options,
      });
    };
    const group = table[p.group] ?? {};
    group[p.name] = method;
    table[p.group] = group;
  }
  return table;
}

/**
 * An id as a path segment: a safe integer, 0 or more, or the same written in digits (an id read
 * from text). Anything else is refused rather than sent: `1.5`, `-1` or `1e21` name no resource,
 * and a string could change the route itself (`..` is folded by the URL parser: `leads.delete('..')`
 * would be `DELETE /omni/`).
 */
function idSegment(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  if (typeof value === 'string' && /^[0-9]+$/.test(value) && Number.isSafeInteger(Number(value))) return value;
  return undefined;
}

/**
 * Free text (a recording's file name) as one path segment: percent-encoded, so `/` and `?` stay
 * inside it. A segment of `.` or `..` is refused, as encoding cannot save it: the URL parser folds
 * `%2e%2e` like `..`, and the request would go to another route.
 */
function textSegment(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') return undefined;
  return encodeURIComponent(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || value === null || value === undefined) return String(value);
  return typeof value;
}
