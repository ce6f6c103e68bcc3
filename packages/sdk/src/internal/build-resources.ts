import { pathParamNames, type RouteDef, routes } from '@omnikit/contracts';
import { type CurrentRouteId, METHOD_NAMES } from '../method-names.js';
import type { RequestOptions } from '../route-method.js';
import type { Execute, TokenSource } from './request-executor.js';

type AnyMethod = (...args: unknown[]) => Promise<unknown>;
export type MethodTable = Record<string, Record<string, AnyMethod>>;

interface Plan {
  readonly route: RouteDef;
  readonly group: string;
  readonly name: string;
  /** Path parameters the caller passes, in path order (`user_id` comes from the session). */
  readonly positional: readonly string[];
  readonly input: 'body' | 'query' | 'none';
}

/** Built once: how each current route turns positional arguments into an invocation. */
const PLANS: readonly Plan[] = (Object.keys(METHOD_NAMES) as CurrentRouteId[])
  .filter((id) => id !== 'authorize')
  .map((id) => {
    const route: RouteDef = routes[id];
    return {
      route,
      group: route.group,
      name: METHOD_NAMES[id],
      positional: pathParamNames(route.path).filter((n) => n !== 'user_id'),
      input: route.body ? 'body' : route.query ? 'query' : 'none',
    };
  });

/**
 * Generates the methods of every current route, by contract group, bound to one session. The
 * typed view over the result is `SessionResources`/`AgentResources` (resources.ts).
 */
export function buildMethodTable(execute: Execute, session: TokenSource): MethodTable {
  const table: MethodTable = {};
  for (const plan of PLANS) {
    const { route, positional, input } = plan;
    const usesUser = route.path.includes('{user_id}');
    const method: AnyMethod = (...args) => {
      const pathParams: Record<string, string | number> = usesUser ? { user_id: session.userId } : {};
      positional.forEach((name, i) => {
        const value = args[i];
        if (typeof value !== 'number' && typeof value !== 'string') {
          throw new TypeError(`${plan.group}.${plan.name}: argument ${i + 1} (${name}) must be a number or a string`);
        }
        pathParams[name] = value;
      });
      let next = positional.length;
      const given = input === 'none' ? undefined : args[next++];
      const options = args[next] as RequestOptions | undefined;
      return execute({
        route,
        pathParams,
        body: input === 'body' ? given : undefined,
        query: input === 'query' ? (given as Record<string, unknown> | undefined) : undefined,
        session,
        options,
      });
    };
    const group = table[plan.group] ?? {};
    group[plan.name] = method;
    table[plan.group] = group;
  }
  return table;
}
