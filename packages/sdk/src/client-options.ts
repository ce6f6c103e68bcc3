/**
 * The fetch the client sends through: the global one, or any `(Request) => Promise<Response>`
 * (a mock's in-process `fetch`).
 *
 * @example
 * ```ts
 * import { type FetchLike, OmniClient } from '@omnikit/sdk';
 *
 * const traced: FetchLike = async (request) => {
 *   console.log(request.method, request.url);
 *   return fetch(request);
 * };
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key', fetch: traced });
 * ```
 */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * Where the client reports retries and token refreshes. `console` fits. Never given keys or tokens.
 *
 * @example
 * ```ts
 * import { OmniClient, type OmniLogger } from '@omnikit/sdk';
 *
 * const logger: OmniLogger = { warn: (message, data) => console.warn(`[omni] ${message}`, data) };
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key', logger });
 * ```
 */
export interface OmniLogger {
  debug?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
}

/**
 * Where the Omni system is, its system key, and how patient the client is with it.
 *
 * @example
 * ```ts
 * import { OmniClient, type OmniClientOptions } from '@omnikit/sdk';
 *
 * const options: OmniClientOptions = {
 *   baseUrl: process.env.OMNI_BASE_URL ?? 'http://127.0.0.1:4010',
 *   systemKey: process.env.OMNI_SYSTEM_KEY ?? 'omni-demo-key',
 *   timeoutMs: 10_000,
 *   maxRetries: 1,
 *   validateResponses: true,
 *   logger: console,
 * };
 * const client = new OmniClient(options);
 * ```
 */
export interface OmniClientOptions {
  /** Omni's base URL (the mock's or the real system's), e.g. `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  /** The System Authentication Token, sent as `Authorization: Key=<systemKey>` on every request. */
  readonly systemKey: string;
  /** Defaults to the global fetch. */
  readonly fetch?: FetchLike;
  /**
   * Per-attempt limit for the whole answer, body included: above 0 and at most 2 147 483 647 ms,
   * or `Infinity` for none. Default 30 000 ms. Anything else is a TypeError from the constructor.
   */
  readonly timeoutMs?: number;
  /**
   * Retries after the first attempt, for failures the retry rule allows: a whole number, 0 or
   * more. Default 2. Anything else (a NaN from an unset environment variable) is a TypeError.
   */
  readonly maxRetries?: number;
  readonly logger?: OmniLogger;
  /** The clock token expiry is judged by (epoch ms). Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Check every 2xx body against the contract and throw `ResponseValidationError` when it breaks
   * it. Default: on unless `NODE_ENV` is `production`.
   */
  readonly validateResponses?: boolean;
  /** Backoff tuning: first delay, cap, and the longest `Retry-After` worth waiting for (each 0 to 2 147 483 647 ms). */
  readonly retryDelay?: { readonly baseMs?: number; readonly maxMs?: number; readonly maxRetryAfterMs?: number };
  /** The jitter's randomness in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** How the client waits between attempts (tests inject one). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Re-authorize this long before `expiry_date` (finite, 0 or more). Default 30 000 ms. */
  readonly refreshMarginMs?: number;
  /**
   * The Omni system's time zone: an IANA name (`Africa/Johannesburg`) or a fixed offset
   * (`+02:00`). Omni may write date-times in VICIdial's local form `YYYY-MM-DD HH:MM:SS`, which
   * names no zone; the client reads them in this one. Every date-time the client hands you is
   * ISO-8601 UTC with milliseconds and `Z` whatever form Omni wrote. Default `UTC`.
   */
  readonly timeZone?: string;
}

/** `NODE_ENV`, read without touching Node-only modules so the bundle stays browser-safe. */
export function nodeEnv(): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.['NODE_ENV'];
}
