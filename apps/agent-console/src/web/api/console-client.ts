import { buildPath } from '@omnikit/contracts';
import {
  type ConsoleAnswer,
  type ConsoleBody,
  type ConsoleRouteId,
  CSRF_HEADER,
  consoleRoutes,
} from '../../shared/console-routes.js';
import { ConsoleApiError } from './console-api-error.js';

type PathParams = Record<string, string | number>;

export interface CallOptions<R extends ConsoleRouteId> {
  params?: PathParams;
  body?: ConsoleBody<R>;
  signal?: AbortSignal;
}

/**
 * The browser's side of the console API (src/shared/console-routes.ts): one typed `call` per route.
 * The session cookie travels by itself (same origin); the CSRF token the backend hands out at
 * sign-in (and again on `GET /api/session`) goes on every mutating call. Answers are checked
 * against the route's schema, so a drifted backend shows a clear error instead of a broken screen.
 */
export class ConsoleClient {
  private csrfToken: string | undefined;
  private sessionLost: ((error: ConsoleApiError) => void) | undefined;

  constructor(private readonly baseUrl = '') {}

  /**
   * Called when a signed-in call finds the session gone (signed out elsewhere, expired, Omni's token
   * refused): the page then returns to sign-in with the reason instead of showing a dead console.
   */
  onSessionLost(handler: ((error: ConsoleApiError) => void) | undefined): void {
    this.sessionLost = handler;
  }

  setCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  /** The URL of a route, for `<audio src>` and `EventSource`. */
  url(route: ConsoleRouteId, params?: PathParams): string {
    return this.baseUrl + buildPath(consoleRoutes[route].path, params ?? {});
  }

  async call<R extends ConsoleRouteId>(route: R, options: CallOptions<R> = {}): Promise<ConsoleAnswer<R>> {
    const spec = consoleRoutes[route];
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (spec.method !== 'GET' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(this.url(route, options.params), {
        method: spec.method,
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw ConsoleApiError.network(error);
    }
    if (!response.ok) {
      const error = await ConsoleApiError.fromResponse(response);
      if (
        spec.session &&
        (error.code === 'NOT_SIGNED_IN' || error.code === 'SESSION_EXPIRED') &&
        route !== 'getSession'
      )
        this.sessionLost?.(error);
      throw error;
    }
    const answer = spec.answer;
    if (typeof answer === 'string') throw new Error(`${route} does not answer JSON`);
    const parsed = answer.safeParse(await response.json());
    if (!parsed.success)
      throw new ConsoleApiError(
        'INTERNAL',
        'The console’s server answered something this page does not understand.',
        200,
      );
    return parsed.data as ConsoleAnswer<R>;
  }
}
