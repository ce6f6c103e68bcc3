import type { OmniClient } from '@omnikit/sdk';
import type { ConsoleTarget } from '../shared/console-schemas.js';
import type { DownstreamForwarder } from './downstream-forwarder.js';
import type { MockControl } from './mock-control.js';
import type { NotificationHub } from './notification-hub.js';
import type { PhoneSettingsSource } from './phone-settings-source.js';
import type { SessionStore } from './session-store.js';
import type { WebhookEndpoint } from './webhook-endpoint.js';

/** Everything the routes use, wired once by `createConsoleServer`. */
export interface ConsoleDeps {
  target: ConsoleTarget;
  omniUrl: string;
  /** The address the console listens on (`--host`). */
  listenHost: string;
  /** `--public-url`, when given: where browsers and Omni reach the console. */
  publicUrl: string | undefined;
  version: string;
  client: OmniClient;
  sessions: SessionStore;
  hub: NotificationHub;
  webhook: WebhookEndpoint;
  webhookSecret: string;
  /** The key in the webhook URL Omni is given: an unsigned delivery must carry it (webhook-receiver.ts). */
  webhookKey: string;
  /** Omni's time zone for the zone-less date-times of its notifications (`--omni-time-zone`); undefined: UTC. */
  omniTimeZone: string | undefined;
  phone: PhoneSettingsSource;
  /** Only with the mock. */
  control: MockControl | undefined;
  forwarder: DownstreamForwarder | undefined;
  /** Mark the cookie `Secure` (the console is served over https). */
  secureCookie: boolean;
  /** The wall clock, epoch ms (webhook timestamps, SSE hello). */
  now: () => number;
  /** The built web app's directory, if any. */
  webDir: string | undefined;
  /** An `omni-mock simulate` report to serve (mock only), if any. */
  simulationReport: string | undefined;
  log: (message: string) => void;
}
