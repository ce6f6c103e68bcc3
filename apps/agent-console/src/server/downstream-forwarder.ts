import { NOTIFICATION_HEADERS, type Notification } from '@omnikit/contracts';
import { signNotification } from '@omnikit/sdk';

export interface DownstreamForwarderOptions {
  url: string;
  /** Signs each delivery as Omni does (`X-Omni-Signature`), so the receiver can use the sdk's handler. */
  secret: string | undefined;
  fetch?: (request: Request) => Promise<Response>;
  /** The wall clock, epoch ms (the timestamp header). */
  now: () => number;
  /** Wall-clock ms a delivery may take. */
  timeoutMs?: number;
  /** Pending deliveries kept at most; beyond it the oldest is dropped (and counted). */
  maxQueue?: number;
  log?: (message: string) => void;
}

export interface ForwarderStats {
  forwarded: number;
  failed: number;
  dropped: number;
  pending: number;
}

/**
 * Hands every notification to a developer's own receiver without holding up Omni's delivery to
 * the console: `push` only queues. One delivery at a time, in arrival order, each with a timeout;
 * a failed one is logged and counted, not retried (Omni's own retries already reached the console,
 * and the receiver can read the console's `/health` counts). The body is the notification as the
 * sdk parsed it, with Omni's notification id, so the sdk's handler on the other side dedupes too.
 */
export class DownstreamForwarder {
  readonly #options: DownstreamForwarderOptions;
  readonly #queue: { id: string | undefined; notification: Notification }[] = [];
  readonly #stats: ForwarderStats = { forwarded: 0, failed: 0, dropped: 0, pending: 0 };
  #draining: Promise<void> | undefined;

  constructor(options: DownstreamForwarderOptions) {
    this.#options = options;
  }

  push(notification: Notification, id: string | undefined): void {
    if (this.#queue.length >= (this.#options.maxQueue ?? 1000)) {
      this.#queue.shift();
      this.#stats.dropped += 1;
    }
    this.#queue.push({ id, notification });
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
  }

  get stats(): ForwarderStats {
    return { ...this.#stats, pending: this.#queue.length };
  }

  /** Resolves once the queue is empty (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
      try {
        const response = await this.#send(next.notification, next.id);
        if (response.ok) this.#stats.forwarded += 1;
        else {
          this.#stats.failed += 1;
          this.#options.log?.(
            `downstream ${this.#options.url} answered ${response.status} to ${next.notification.type}`,
          );
        }
      } catch (error) {
        this.#stats.failed += 1;
        this.#options.log?.(`downstream ${this.#options.url} failed: ${(error as Error).message}`);
      }
    }
  }

  async #send(notification: Notification, id: string | undefined): Promise<Response> {
    const body = JSON.stringify(notification);
    const timestamp = Math.floor(this.#options.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [NOTIFICATION_HEADERS.timestamp]: String(timestamp),
    };
    if (id !== undefined) headers[NOTIFICATION_HEADERS.id] = id;
    if (this.#options.secret !== undefined)
      headers[NOTIFICATION_HEADERS.signature] = await signNotification(body, this.#options.secret, timestamp);
    const request = new Request(this.#options.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5000),
    });
    const response = await (this.#options.fetch ?? fetch)(request);
    // Read the body so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    return response;
  }
}
