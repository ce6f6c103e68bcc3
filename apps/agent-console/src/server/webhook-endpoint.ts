import type { AgentResources } from '@omnikit/sdk';

export interface WebhookEndpointOptions {
  /** Where Omni posts notifications: `<public url>/webhooks/omni`, known once the server listens. */
  url: () => string;
  secret: string;
  log: (message: string) => void;
}

/**
 * Omni's notification endpoint is set with a user token (B.7), and the backend has none until an
 * agent signs in: so the first sign-in sets it (to this backend's webhook URL and a secret only
 * this process knows), and each later sign-in tries again until one succeeds. A failure never
 * blocks the sign-in: the console works without live events, and says so in the log.
 */
export class WebhookEndpoint {
  readonly #options: WebhookEndpointOptions;
  #set = false;
  #inflight: Promise<void> | undefined;

  constructor(options: WebhookEndpointOptions) {
    this.#options = options;
  }

  get isSet(): boolean {
    return this.#set;
  }

  ensure(agent: AgentResources): Promise<void> {
    if (this.#set) return Promise.resolve();
    this.#inflight ??= (async () => {
      const url = this.#options.url();
      try {
        await agent.notifications.setEndpoint({ url, secret: this.#options.secret });
        this.#set = true;
        this.#options.log(`notifications: Omni now posts to ${url}`);
      } catch (error) {
        this.#options.log(`notifications: could not set Omni's endpoint to ${url}: ${(error as Error).message}`);
      } finally {
        this.#inflight = undefined;
      }
    })();
    return this.#inflight;
  }
}
