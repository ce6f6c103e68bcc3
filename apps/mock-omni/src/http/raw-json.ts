/**
 * An answer already serialised (e.g. a campaign whose settings are stored as JSON): sent as is, and checked against
 * the route's schema like any other answer when responses are validated.
 *
 * @module
 */

/** JSON text sent as it is. */
export class RawJson<T = unknown> {
  declare readonly shape?: T;
  constructor(readonly text: string) {}
}
