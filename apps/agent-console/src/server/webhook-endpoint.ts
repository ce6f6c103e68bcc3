import type { AgentResources } from '@omnikit/sdk';

export interface WebhookEndpointOptions {
  /** Where Omni posts notifications: `<public url>/webhooks/omni`, known once the server listens. */
  url: () => string;
  secret: string;
  /** The wall clock, epoch ms (when the state was last learnt). */
  now: () => number;
  log: (message: string) => void;
}

/**
 * What the console last learnt of Omni's notification endpoint:
 * - `unknown`: not learnt yet, or no longer known (a session's token was refused: Omni may have been reset);
 * - `ours`: this process set it to its own webhook and secret, or saw it still pointing there;
 * - `elsewhere`: Omni posts to another URL (another console took it);
 * - `failed`: setting it failed.
 */
export type WebhookEndpointState = 'unknown' | 'ours' | 'elsewhere' | 'failed';

export interface WebhookEndpointStatus {
  state: WebhookEndpointState;
  /** When the state was learnt (ISO 8601), null before the first attempt. */
  checked_at: string | null;
}

/**
 * Omni's notification endpoint is one per system and set with a user token (B.7), so it can be lost
 * without the console being told: the mock restarted on a fresh database, another console set it
 * to itself. The console therefore sets it at every sign-in (the latest sign-in takes it), and
 * `check` reads it back with a signed-in agent's token from time to time: an endpoint Omni has
 * forgotten is set again, one another console holds is reported (taking it back at once would
 * make two consoles fight over it; the next sign-in here takes it). A failure never blocks a
 * sign-in: the console works without live events, and says so in the log and in `/health`.
 */
export class WebhookEndpoint {
  readonly #options: WebhookEndpointOptions;
  #state: WebhookEndpointState = 'unknown';
  #checkedAt: number | undefined;
  /** This process has set the endpoint at least once (the secret Omni holds for our URL is ours). */
  #setByUs = false;
  #inflight: Promise<void> | undefined;

  constructor(options: WebhookEndpointOptions) {
    this.#options = options;
  }

  /** True when, as of the last check, Omni posts to this console. */
  get isSet(): boolean {
    return this.#state === 'ours';
  }

  /** The last known state and when it was learnt. */
  get status(): WebhookEndpointStatus {
    return {
      state: this.#state,
      checked_at: this.#checkedAt === undefined ? null : new Date(this.#checkedAt).toISOString(),
    };
  }

  /** Sets the endpoint to this console's webhook (at each sign-in); concurrent calls share one request. */
  ensure(agent: AgentResources): Promise<void> {
    this.#inflight ??= this.#set(agent).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /**
   * Reads the endpoint back: still ours, forgotten (set again), or another URL's (reported). A
   * failed read leaves the state `unknown`: the token may be one Omni no longer knows.
   */
  async check(agent: AgentResources): Promise<void> {
    if (this.#inflight) return this.#inflight;
    const url = this.#options.url();
    let current: string | null;
    try {
      current = (await agent.notifications.getEndpoint()).url;
    } catch (error) {
      // Said once per loss of knowledge, not at every check while the token stays refused.
      if (this.#state !== 'unknown')
        this.#options.log(`notifications: could not read Omni's endpoint: ${(error as Error).message}`);
      this.#learn('unknown');
      return;
    }
    if (current !== null && sameUrl(current, url) && this.#setByUs) {
      this.#learn('ours');
      return;
    }
    if (current === null || sameUrl(current, url)) {
      // Forgotten (a fresh database), or our URL with a secret this process never set.
      this.#options.log(`notifications: Omni ${current === null ? 'has no endpoint' : 'holds an old secret'}`);
      await this.ensure(agent);
      return;
    }
    if (this.#state !== 'elsewhere')
      this.#options.log(`notifications: Omni now posts to ${current}; the next sign-in here takes the endpoint back`);
    this.#learn('elsewhere');
  }

  /** Something suggests Omni may have lost the endpoint (it refused a session's token). */
  suspect(): void {
    if (this.#state === 'ours') this.#learn('unknown');
  }

  async #set(agent: AgentResources): Promise<void> {
    const url = this.#options.url();
    try {
      await agent.notifications.setEndpoint({ url, secret: this.#options.secret });
      this.#setByUs = true;
      if (this.#state !== 'ours') this.#options.log(`notifications: Omni now posts to ${url}`);
      this.#learn('ours');
    } catch (error) {
      this.#learn('failed');
      this.#options.log(`notifications: could not set Omni's endpoint to ${url}: ${(error as Error).message}`);
    }
  }

  #learn(state: WebhookEndpointState): void {
    this.#state = state;
    this.#checkedAt = this.#options.now();
  }
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
