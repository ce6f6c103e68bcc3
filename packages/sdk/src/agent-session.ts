import type { AuthorizeResponse } from '@omnikit/contracts';
import type { OmniLogger } from './client-options.js';
import type { TokenLease, TokenSource } from './internal/request-executor.js';
import { OmniError } from './omni-error.js';

/**
 * A session as stored: exactly what authorize answered. No password, ever.
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { OmniClient, type SessionData } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const session = await client.authorize('agent1', 'password1');
 * writeFileSync('session.json', JSON.stringify(session.toJSON()));
 * const data = JSON.parse(readFileSync('session.json', 'utf8')) as SessionData;
 * const restored = client.restoreSession(data); // the same token, no new authorize
 * ```
 */
export type SessionData = AuthorizeResponse;

/**
 * What the session needs to re-authorize: the user's password in plain text (the sdk encodes it).
 *
 * @example
 * ```ts
 * import { type Credentials, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const credentials: Credentials = { password: process.env.AGENT1_PASSWORD ?? 'password1' };
 * const session = await client.authorize('agent1', credentials.password, { credentials: () => credentials });
 * ```
 */
export interface Credentials {
  /** Defaults to the session's own user name. */
  readonly user_name?: string;
  readonly password: string;
}

/**
 * Called when a session must re-authorize; read the password from where you keep it.
 *
 * @example
 * ```ts
 * import { type CredentialsProvider, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * // Read the password only when the session needs it, from wherever it is kept.
 * const credentials: CredentialsProvider = async () => ({ password: process.env.AGENT1_PASSWORD ?? 'password1' });
 * const session = await client.authorize('agent1', 'password1', { credentials });
 * ```
 */
export type CredentialsProvider = () => Credentials | Promise<Credentials>;

/**
 * How a session re-authorizes, and whom it tells of each new token.
 *
 * @example
 * ```ts
 * import { OmniClient, type SessionOptions } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const options: SessionOptions = {
 *   credentials: () => ({ password: 'password1' }),
 *   onRefresh: (data) => console.log('new token for', data.user_name),
 * };
 * const session = await client.authorize('agent1', 'password1', options);
 * ```
 */
export interface SessionOptions {
  /** How to re-authorize when the token expires or is refused. Without it, the 401 reaches you. */
  readonly credentials?: CredentialsProvider;
  /** Told of every new token, e.g. to store `session.toJSON()` again. */
  readonly onRefresh?: (data: SessionData) => void;
}

/** The client's side of a session: how to authorize, and its clock and logger. */
export interface SessionHost {
  readonly authorize: (userName: string, password: string) => Promise<AuthorizeResponse>;
  readonly now: () => number;
  readonly refreshMarginMs: number;
  readonly logger: OmniLogger | undefined;
}

/**
 * An agent's user token (A.2, B.3) and its lifecycle.
 *
 * States: *valid* (a token whose `expiry_date` is ahead by the injected clock) → *expired*
 * (by the clock, or refused by Omni with `TOKEN_EXPIRED`/`INVALID_TOKEN`) → *refreshing* (one
 * authorize in flight, shared by every request that needs a token meanwhile) → *valid* again, or
 * back to the caller with the error when re-authorizing fails or no `credentials` were given.
 *
 * A session holds `token_key` and `expiry_date`, never the password: re-authorizing asks the
 * caller's `credentials` callback. When the server's clock disagrees with the local one so much
 * that a brand-new token already looks expired (a mock on a manual clock, say), the local check is
 * dropped for that token and only Omni's refusal triggers the next authorize.
 *
 * @example
 * ```ts
 * import { OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const session = await client.authorize('agent1', 'password1');
 * console.log(session.userName, session.expiryDate, session.isExpired()); // agent1 <ISO date> false
 * const saved = JSON.stringify(session); // what authorize answered: never the password
 * const restored = client.restoreSession(JSON.parse(saved));
 * ```
 */
export class AgentSession implements TokenSource {
  readonly userId: number;
  readonly userName: string;
  #data: SessionData;
  #expiresAt: number;
  #trustExpiry: boolean;
  #inflight: Promise<SessionData> | undefined;
  readonly #host: SessionHost;
  readonly #options: SessionOptions;

  /** Use `client.authorize(…)` or `client.restoreSession(…)`. */
  constructor(data: SessionData, host: SessionHost, options: SessionOptions = {}) {
    this.userId = data.user_id;
    this.userName = data.user_name;
    this.#host = host;
    this.#options = options;
    this.#data = data;
    this.#expiresAt = Date.parse(data.expiry_date);
    this.#trustExpiry = true;
  }

  /** The current `token_key` (as sent in `tokenKey`). */
  get tokenKey(): string {
    return this.#data.token_key;
  }

  /** The current token's `expiry_date`, as ISO-8601 UTC with `Z` whatever form Omni wrote it in. */
  get expiryDate(): string {
    return this.#data.expiry_date;
  }

  /** True when, by the injected clock, the token is within the refresh margin of its expiry. */
  isExpired(): boolean {
    return this.#trustExpiry && this.#host.now() >= this.#expiresAt - this.#host.refreshMarginMs;
  }

  /** What to store to restore this session later (`client.restoreSession(data, options)`). */
  toJSON(): SessionData {
    return { ...this.#data };
  }

  async lease(): Promise<TokenLease> {
    if (this.#inflight) return { key: (await this.#inflight).token_key, refreshed: true };
    // A stored session whose token is empty holds none: sent, it would be Omni's MISSING_TOKEN, which is never
    // re-authorized (no token arrived); authorized first, the request goes out with one.
    const missing = this.#data.token_key === '';
    if ((missing || this.isExpired()) && this.#options.credentials) {
      return { key: (await this.#reauthorize(missing ? 'missing' : 'expired')).token_key, refreshed: true };
    }
    return { key: this.#data.token_key, refreshed: false };
  }

  async refresh(rejected: string): Promise<TokenLease | undefined> {
    if (this.#inflight) return { key: (await this.#inflight).token_key, refreshed: true };
    // Another request already replaced the refused token: use the new one, no second authorize.
    if (rejected !== this.#data.token_key) return { key: this.#data.token_key, refreshed: true };
    if (!this.#options.credentials) return undefined;
    return { key: (await this.#reauthorize('refused')).token_key, refreshed: true };
  }

  /** Single flight: every caller that arrives while an authorize runs awaits that one. */
  #reauthorize(reason: 'expired' | 'refused' | 'missing'): Promise<SessionData> {
    const credentials = this.#options.credentials;
    if (!credentials) return Promise.resolve(this.#data);
    const flight = (async () => {
      const given = await credentials();
      const data = await this.#host.authorize(given.user_name ?? this.userName, given.password);
      if (data.user_id !== this.userId) {
        throw new OmniError(
          `the credentials callback of ${this.userName}'s session authorized user ${data.user_id} instead of ${this.userId}`,
        );
      }
      this.#adopt(data);
      this.#host.logger?.debug?.('omni: re-authorized', { userId: this.userId, reason });
      this.#options.onRefresh?.(this.toJSON());
      return data;
    })();
    this.#inflight = flight;
    const clear = () => {
      if (this.#inflight === flight) this.#inflight = undefined;
    };
    flight.then(clear, clear);
    return flight;
  }

  #adopt(data: SessionData): void {
    this.#data = data;
    this.#expiresAt = Date.parse(data.expiry_date);
    this.#trustExpiry = this.#expiresAt - this.#host.refreshMarginMs > this.#host.now();
    if (!this.#trustExpiry) {
      this.#host.logger?.warn?.(
        'omni: a new token already looks expired by the local clock; relying on Omni to say when it expires',
        { userId: this.userId, expiryDate: data.expiry_date },
      );
    }
  }

  /** Called once by the client on a token it just obtained. */
  static issued(data: SessionData, host: SessionHost, options: SessionOptions = {}): AgentSession {
    const session = new AgentSession(data, host, options);
    session.#adopt(data);
    return session;
  }
}
