import { type AuthorizeResponse, authorizeResponse, encodePassword, routes } from '@omnikit/contracts';
import type { WireZone } from '@omnikit/contracts/variants';
import { AgentSession, type SessionData, type SessionHost, type SessionOptions } from './agent-session.js';
import { nodeEnv, type OmniClientOptions } from './client-options.js';
import { buildMethodTable, type MethodTable } from './internal/build-resources.js';
import { checkNumberOption } from './internal/check-number-option.js';
import { createDeadlineTimer } from './internal/deadline-timer.js';
import { normalizeAnswer } from './internal/normalize-answer.js';
import { createRequestExecutor, type Execute } from './internal/request-executor.js';
import { DEFAULT_RETRY_DELAY, type RetryPolicy } from './internal/retry-policy.js';
import { wireZoneOf } from './internal/time-zone.js';
import type { AgentResources, SessionResources } from './resources.js';
import type { GroupMethods, RequestOptions } from './route-method.js';

const DIRECTORY_GROUPS = [
  'users',
  'campaigns',
  'lists',
  'leads',
  'archive',
  'notifications',
  'recordings',
  'messagingCampaigns',
  'templates',
] as const;

/**
 * What `client.authorize` takes besides the credentials: the session's options and the request's.
 *
 * @example
 * ```ts
 * import { type AuthorizeOptions, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const options: AuthorizeOptions = {
 *   credentials: () => ({ password: process.env.AGENT1_PASSWORD ?? 'password1' }),
 *   onRefresh: (data) => console.log('new token until', data.expiry_date),
 *   timeoutMs: 5_000,
 * };
 * const session = await client.authorize('agent1', 'password1', options);
 * ```
 */
export interface AuthorizeOptions extends SessionOptions, RequestOptions {}

/**
 * The client for one Omni system (the mock or the real one: only `baseUrl` and `systemKey`
 * differ). It holds the system key; user tokens live in sessions: `client.agent(session)` for an
 * agent's own routes and the directory, `client.withSession(session)` for the directory alone,
 * `client.archive` for the archive service, which takes the system key only.
 *
 * @example
 * ```ts
 * import { OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const session = await client.authorize('agent1', 'password1', { credentials: () => ({ password: 'password1' }) });
 * const agent = client.agent(session); // agent.login(…), agent.calls.make(…), agent.campaigns.get(1)
 * const omni = client.withSession(session); // the directory alone: omni.campaigns.list()
 * await client.archive.dearchive({ insert_leads: true, delete_leads: true, lead_ids: [351] }); // system key only
 * ```
 */
export class OmniClient {
  /**
   * The lead archive service (`/vicidial/leads/archive`, `/dearchive`): it takes the system key
   * only, so it needs no session. `archive(body)`, `dearchive(body)`.
   */
  readonly archive: GroupMethods<'archive'>;
  readonly #execute: Execute;
  readonly #host: SessionHost;
  readonly #tables = new WeakMap<AgentSession, MethodTable>();
  readonly #zone: WireZone;

  constructor(options: OmniClientOptions) {
    if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
      throw new TypeError('OmniClient: baseUrl must be an http(s) URL');
    }
    if (typeof options.systemKey !== 'string' || options.systemKey === '') {
      throw new TypeError('OmniClient: systemKey is required');
    }
    const now = options.now ?? Date.now;
    this.#zone = wireZoneOf(options.timeZone);
    const numbers = checkedNumbers(options);
    this.#execute = createRequestExecutor({
      baseUrl: options.baseUrl,
      systemKey: options.systemKey,
      fetch: options.fetch,
      timeoutMs: numbers.timeoutMs,
      timer: createDeadlineTimer(),
      retry: { ...numbers.retry, random: options.random ?? Math.random },
      logger: options.logger,
      now,
      validate: options.validateResponses ?? nodeEnv() !== 'production',
      zone: this.#zone,
      sleep: options.sleep,
    });
    this.archive = buildMethodTable(this.#execute, undefined)['archive'] as unknown as GroupMethods<'archive'>;
    this.#host = {
      authorize: (userName, password) => this.#authorize(userName, password, undefined),
      now,
      refreshMarginMs: numbers.refreshMarginMs,
      logger: options.logger,
    };
  }

  /**
   * `POST /omni/user/authorize`: exchanges an agent's user name and password (plain text; the sdk
   * sends its Base64) for a session. Give `credentials` so the session can re-authorize by itself
   * when the token expires or is refused; the password passed here is not kept. A missing, empty
   * or non-string `user_name` or password, or a password that is not ASCII (A.2: Omni takes the
   * Base64 of its ASCII bytes), rejects with a TypeError naming the argument before any request.
   */
  async authorize(user_name: string, password: string, options: AuthorizeOptions = {}): Promise<AgentSession> {
    const data = await this.#authorize(user_name, password, options);
    return AgentSession.issued(data, this.#host, options);
  }

  /** A session from `session.toJSON()` stored earlier. Throws a TypeError when `data` is not one. */
  restoreSession(data: SessionData, options: SessionOptions = {}): AgentSession {
    // Stored by an older build or another tool, the expiry may be in any date form: read it back.
    const parsed = authorizeResponse.safeParse(normalizeAnswer(authorizeResponse, data, this.#zone));
    if (!parsed.success) {
      throw new TypeError(`restoreSession: not a stored session (${parsed.error.issues[0]?.path.join('.') ?? ''})`);
    }
    return new AgentSession(parsed.data, this.#host, options);
  }

  /**
   * The directory (users, campaigns, lists, leads, archive, notifications, recordings, messaging
   * campaigns, templates) with this session's token.
   */
  withSession(session: AgentSession): SessionResources {
    const table = this.#table(session);
    const view: Record<string, unknown> = { session };
    for (const group of DIRECTORY_GROUPS) view[group] = table[group];
    return view as unknown as SessionResources;
  }

  /**
   * The session's agent: `get()`, `login`, `logout`, `state`, `calls`, `shotgun`, `preview`,
   * `messaging`, `conversations`, `messages`, and the directory.
   */
  agent(session: AgentSession): AgentResources {
    const table = this.#table(session);
    return {
      ...this.withSession(session),
      ...table['agent'],
      userId: session.userId,
      calls: table['calls'],
      shotgun: table['shotgun'],
      preview: table['preview'],
      messaging: table['messaging'],
      conversations: table['conversations'],
      messages: table['messages'],
    } as unknown as AgentResources;
  }

  #table(session: AgentSession): MethodTable {
    let table = this.#tables.get(session);
    if (!table) {
      table = buildMethodTable(this.#execute, session);
      this.#tables.set(session, table);
    }
    return table;
  }

  async #authorize(
    userName: string,
    password: string,
    options: RequestOptions | undefined,
  ): Promise<AuthorizeResponse> {
    // Checked before anything is sent: a missing password would go out as "" and come back as a
    // wrong password; a number from configuration likewise. encodePassword refuses non-ASCII.
    if (typeof userName !== 'string' || userName === '') {
      throw new TypeError(`authorize: user_name must be a non-empty string; got ${kindOf(userName)}`);
    }
    if (typeof password !== 'string' || password === '') {
      throw new TypeError(`authorize: password must be a non-empty string; got ${kindOf(password)}`);
    }
    let encoded: string;
    try {
      encoded = encodePassword(password);
    } catch (error) {
      throw new TypeError(`authorize: ${(error as Error).message}`);
    }
    const body = { user_name: userName, password: encoded };
    const data = await this.#execute({ route: routes.authorize, path: routes.authorize.path, body, options });
    return data as AuthorizeResponse;
  }
}

/**
 * The client's numeric options, checked (a TypeError names the first bad one) and defaulted. A
 * NaN from an unset environment variable must not mean unbounded retries or no timeout.
 */
function checkedNumbers(options: OmniClientOptions): {
  timeoutMs: number;
  retry: Omit<RetryPolicy, 'random'>;
  refreshMarginMs: number;
} {
  const at = 'OmniClient';
  const given: unknown = options.retryDelay;
  if (given !== undefined && (typeof given !== 'object' || given === null)) {
    throw new TypeError(`${at}: retryDelay must be an object { baseMs?, maxMs?, maxRetryAfterMs? }`);
  }
  const delay = options.retryDelay ?? {};
  return {
    timeoutMs: checkNumberOption(at, 'timeoutMs', options.timeoutMs, 'timeout') ?? 30_000,
    retry: {
      maxRetries: checkNumberOption(at, 'maxRetries', options.maxRetries, 'retries') ?? 2,
      baseMs: checkNumberOption(at, 'retryDelay.baseMs', delay.baseMs, 'delay') ?? DEFAULT_RETRY_DELAY.baseMs,
      maxMs: checkNumberOption(at, 'retryDelay.maxMs', delay.maxMs, 'delay') ?? DEFAULT_RETRY_DELAY.maxMs,
      maxRetryAfterMs:
        checkNumberOption(at, 'retryDelay.maxRetryAfterMs', delay.maxRetryAfterMs, 'delay') ??
        DEFAULT_RETRY_DELAY.maxRetryAfterMs,
    },
    refreshMarginMs: checkNumberOption(at, 'refreshMarginMs', options.refreshMarginMs, 'margin') ?? 30_000,
  };
}

/** What a bad argument was, without its value (a password must not reach a message or a log). */
function kindOf(value: unknown): string {
  if (value === '') return 'an empty string';
  return value === null ? 'null' : typeof value;
}
