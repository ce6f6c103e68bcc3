/** A request as the docs page's "Try it out" starts it: path and query values and a body. */
export interface RouteExample {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
}
