import type { RouteDef } from '@omnikit/contracts';
import { ADMIN_KEY_HEADER, type ControlRouteId, type ControlRoutes, controlRoutes } from '@omnikit/contracts/control';
import type { FetchLike } from '@omnikit/sdk';
import type { z } from 'zod';

type RouteOf<K extends ControlRouteId> = ControlRoutes[K];
type Out<K extends ControlRouteId> = RouteOf<K>['responses'] extends { 200: infer S extends z.ZodType }
  ? z.output<S>
  : never;
type In<R, F extends string> = R extends Record<F, infer S extends z.ZodType> ? z.input<S> : undefined;

export interface ControlInput<K extends ControlRouteId> {
  params?: In<RouteOf<K>, 'params'>;
  query?: In<RouteOf<K>, 'query'>;
  body?: In<RouteOf<K>, 'body'>;
}

/**
 * A control-API call that did not answer 200: the route, the status and Omni-style error body.
 *
 * @example
 * ```ts
 * import { ControlApiError, createControlClient } from '@omnikit/scenarios';
 *
 * const control = createControlClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key', fetch: (r) => fetch(r) });
 * try {
 *   await control.call('registerPhone', { params: { extension: '9999' } });
 * } catch (error) {
 *   if (error instanceof ControlApiError) console.error(error.status, error.body);
 * }
 * ```
 */
export class ControlApiError extends Error {
  constructor(
    readonly routeId: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`control API ${routeId} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'ControlApiError';
  }
}

/**
 * The mock's control API (`/__mock/*`), typed from `@omnikit/contracts/control`: requests are
 * built from the route objects and every 200 answer is parsed through its contract.
 *
 * @example
 * ```ts
 * import { startMockOmni, type ControlClient } from '@omnikit/scenarios';
 *
 * const omni = await startMockOmni();
 * const control: ControlClient = omni.control;
 * const { now_ms } = await control.call('getClock');
 * await omni.close();
 * ```
 */
export interface ControlClient {
  call<K extends ControlRouteId>(id: K, input?: ControlInput<K>): Promise<Out<K>>;
}

/**
 * A client of the mock's control API for one system (and the admin key, when the mock has one).
 *
 * @example
 * ```ts
 * import { createControlClient } from '@omnikit/scenarios';
 *
 * const control = createControlClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key', fetch: (r) => fetch(r) });
 * await control.call('registerPhone', { params: { extension: '1001' } });
 * await control.call('advanceClock', { body: { ms: 60_000 } });
 * ```
 */
export function createControlClient(opts: {
  baseUrl: string;
  systemKey: string;
  fetch: FetchLike;
  adminKey?: string | undefined;
}): ControlClient {
  return {
    async call(id, input = {}) {
      const route = controlRoutes[id] as RouteDef;
      const params = (input.params ?? {}) as Record<string, string | number>;
      const path = route.path.replace(/\{([a-z_]+)\}/g, (_, name: string) =>
        encodeURIComponent(String(params[name] ?? '')),
      );
      const url = new URL(opts.baseUrl.replace(/\/$/, '') + path);
      for (const [k, v] of Object.entries((input.query ?? {}) as Record<string, unknown>))
        if (v !== undefined) url.searchParams.set(k, String(v));
      const headers: Record<string, string> = opts.systemKey ? { authorization: `Key=${opts.systemKey}` } : {};
      if (opts.adminKey) headers[ADMIN_KEY_HEADER] = opts.adminKey;
      let body: string | null = null;
      if (input.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(input.body);
      }
      const res = await opts.fetch(new Request(url, { method: route.method, headers, body }));
      const text = await res.text();
      if (res.status !== 200) throw new ControlApiError(id, res.status, text);
      const schema = route.responses[200] as z.ZodType;
      return schema.parse(JSON.parse(text)) as never;
    },
  };
}
