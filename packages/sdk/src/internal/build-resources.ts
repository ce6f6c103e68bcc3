/**
 * Builds the client's method table from the contracts' routes: one function per current route,
 * under its group, turning positional arguments into a path, a body or a query.
 *
 * @module
 */

import { type RouteDef, routes } from '@omnikit/contracts';
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
        if (typeof value === 'number' && Number.isFinite(value)) path += String(value);
        else if (typeof value === 'string' && value !== '') path += encodeURIComponent(value);
        else {
          throw new TypeError(
            `${p.group}.${p.name}: argument ${next} (${name}) must be a number or a non-empty string`,
          );
        }
        path += texts[i + 1] as string;
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
