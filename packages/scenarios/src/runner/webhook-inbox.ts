/**
 * The runner's webhook receiver (one local HTTP server) and the inboxes it hands out, one per
 * scenario or test file, each with its own path and signing secret.
 *
 * @module
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import { type Notification, parseNotification, verifyNotification } from '@omnikit/sdk';
import { toNodeListener } from '@omnikit/sdk/node';

/**
 * One delivery the receiver took: the notification, its id, and whether that id came before.
 *
 * @example
 * ```ts
 * import type { Delivery, Inbox } from '@omnikit/scenarios';
 *
 * const redelivered = (inbox: Inbox): Delivery[] => inbox.deliveries.filter((d) => d.duplicate);
 * ```
 */
export interface Delivery {
  id: string;
  notification: Notification;
  /** The body as it came over the wire (before the sdk's parser accepted the documented variants). */
  raw: string;
  duplicate: boolean;
  /** Wall-clock ms. */
  receivedAt: number;
}

/**
 * Where one scenario's (or one test file's) notifications land.
 *
 * @example
 * ```ts
 * import { WebhookReceiver, type Inbox } from '@omnikit/scenarios';
 *
 * const receiver = new WebhookReceiver();
 * await receiver.start();
 * const inbox: Inbox = receiver.inbox('a-signing-secret');
 * // Set inbox.url (with the secret) as the system's notification endpoint, then:
 * const cdr = await inbox.waitFor((n) => n.type === 'cdr', 10_000);
 * await receiver.close();
 * ```
 */
export interface Inbox {
  /** The URL to give Omni (`OMNI_WEBHOOK_PUBLIC_URL` + path when set). */
  readonly url: string;
  readonly secret: string | undefined;
  /** Every delivery in arrival order, duplicates included. */
  readonly deliveries: readonly Delivery[];
  /** The notifications, once each, in arrival order. */
  notifications(): Notification[];
  /** Resolves with the first notification (old or new) that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (n: Notification) => boolean, timeoutMs?: number): Promise<Notification>;
  /** The receiver stops acknowledging (answers `status`, records nothing) until `recover()`. */
  outage(status: number): void;
  recover(): void;
  /** Rejected deliveries: bad signature or body. */
  readonly rejected: readonly string[];
  /**
   * Deliveries that came without `X-Omni-Signature` to an inbox with a secret and `acceptUnsigned`: the wiki
   * documents no signature (`--vary notifications=unsigned`, a real Omni). A wrong signature is always rejected.
   */
  readonly unsigned: number;
}

export interface InboxOptions {
  /**
   * Take deliveries without a signature (and count them) instead of rejecting them: for an Omni that may not sign
   * (a real one, a mock playing `notifications=unsigned`). A mock known to sign is held to it.
   */
  readonly acceptUnsigned?: boolean;
  /**
   * Omni's time zone (an IANA name or `±HH:MM`): a notification's date-times written without a zone
   * (`YYYY-MM-DD HH:MM:SS`) are read in it (the sdk's `timeZone`). Default UTC.
   */
  readonly timeZone?: string | undefined;
}

interface InboxState extends Inbox {
  acceptUnsigned: boolean;
  timeZone: string | undefined;
  deliveries: Delivery[];
  rejected: string[];
  unsigned: number;
  outageStatus: number | undefined;
  waiters: Set<() => void>;
}

/**
 * The runner's local webhook receiver: one HTTP server on 127.0.0.1 (port 0), one path per inbox.
 * It checks each delivery's signature with the inbox's secret (one without a signature is taken and counted), parses
 * it with the sdk, and keeps
 * duplicates (same `X-Omni-Notification-Id`) apart so expectations can count retries and replays.
 *
 * @example
 * ```ts
 * import { WebhookReceiver } from '@omnikit/scenarios';
 *
 * const receiver = new WebhookReceiver(process.env.OMNI_WEBHOOK_PUBLIC_URL); // a tunnel, when Omni cannot reach this machine
 * await receiver.start();
 * const inbox = receiver.inbox('a-signing-secret');
 * console.log(inbox.url);
 * await receiver.close();
 * ```
 */
export class WebhookReceiver {
  private readonly inboxes = new Map<string, InboxState>();
  private server: Server | undefined;
  private base = '';
  private next = 0;

  constructor(private readonly publicUrl?: string | undefined) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer(toNodeListener((request) => this.handle(request)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** A new inbox; `secret` makes it verify signatures. */
  inbox(secret?: string, options: InboxOptions = {}): Inbox {
    if (!this.server) throw new Error('start the receiver first');
    const path = `/hooks/${++this.next}`;
    const root = (this.publicUrl ?? this.base).replace(/\/$/, '');
    const state: InboxState = {
      url: `${root}${path}`,
      secret,
      acceptUnsigned: options.acceptUnsigned ?? false,
      timeZone: options.timeZone,
      deliveries: [],
      rejected: [],
      unsigned: 0,
      outageStatus: undefined,
      waiters: new Set(),
      notifications() {
        return state.deliveries.filter((d) => !d.duplicate).map((d) => d.notification);
      },
      waitFor(match, timeoutMs = 10_000) {
        return new Promise((resolve, reject) => {
          const check = () => {
            const found = state.notifications().find(match);
            if (!found) return false;
            clearTimeout(timer);
            state.waiters.delete(check);
            resolve(found);
            return true;
          };
          const timer = setTimeout(() => {
            state.waiters.delete(check);
            reject(new Error(`no matching notification within ${timeoutMs} ms`));
          }, timeoutMs);
          if (!check()) state.waiters.add(check);
        });
      },
      outage(status) {
        state.outageStatus = status;
      },
      recover() {
        state.outageStatus = undefined;
      },
    };
    this.inboxes.set(path, state);
    return state;
  }

  private async handle(request: Request): Promise<Response> {
    // A tunnel may forward its own path prefix (`/omni/hooks/1`): the inbox is the last part.
    const path = /\/hooks\/\d+$/.exec(new URL(request.url).pathname)?.[0] ?? '';
    const inbox = this.inboxes.get(path);
    if (!inbox) return new Response('no such inbox', { status: 404 });
    if (request.method !== 'POST') return new Response('POST only', { status: 405 });
    if (inbox.outageStatus !== undefined) return new Response('receiver outage', { status: inbox.outageStatus });
    const raw = await request.text();
    try {
      if (inbox.secret && request.headers.has(NOTIFICATION_HEADERS.signature))
        await verifyNotification(raw, request.headers, inbox.secret);
      else if (inbox.secret && inbox.acceptUnsigned) inbox.unsigned++;
      else if (inbox.secret) throw new Error(`no ${NOTIFICATION_HEADERS.signature} header, and the inbox has a secret`);
      const notification = parseNotification(raw, inbox.timeZone === undefined ? {} : { timeZone: inbox.timeZone });
      const id = request.headers.get('x-omni-notification-id') ?? '';
      const duplicate = id !== '' && inbox.deliveries.some((d) => d.id === id);
      inbox.deliveries.push({ id, notification, raw, duplicate, receivedAt: Date.now() });
      for (const waiter of [...inbox.waiters]) waiter();
      return new Response('ok');
    } catch (error) {
      inbox.rejected.push((error as Error).message);
      return new Response((error as Error).message, { status: 400 });
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
