import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { OmniClient } from '@omnikit/sdk';
import type { Hono } from 'hono';
import type { ConsoleConfig } from './console-config.js';
import type { ConsoleDeps } from './console-deps.js';
import type { ConsoleEnv } from './console-env.js';
import { CONSOLE_VERSION } from './console-version.js';
import { createConsoleApp, WEBHOOK_PATH } from './create-console-app.js';
import { DownstreamForwarder } from './downstream-forwarder.js';
import { downstreamUrlProblem, type ResolveHost } from './downstream-url-guard.js';
import { MockControl } from './mock-control.js';
import { NotificationHub } from './notification-hub.js';
import { PhoneSettingsSource } from './phone-settings-source.js';
import { SessionStore } from './session-store.js';
import { WebhookEndpoint } from './webhook-endpoint.js';
import { WEBHOOK_KEY_PARAM } from './webhook-receiver.js';

export interface ConsoleServerOptions {
  config: ConsoleConfig;
  /** The wall clock, epoch ms (default Date.now). */
  now?: () => number;
  /** A fresh unguessable token (default 32 random bytes, base64url). */
  randomToken?: () => string;
  /** How the backend reaches Omni and the downstream receiver (default the global fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Idle time after which a console session ends (default 12 h). */
  sessionIdleMs?: number;
  /** Wall-clock ms a forward to the downstream URL may take (default 5000). */
  downstreamTimeoutMs?: number;
  /**
   * Wall-clock ms between reads of Omni's notification endpoint with a signed-in agent's token, to
   * notice it lost or taken (default 30 000; 0 turns the reads off).
   */
  webhookCheckMs?: number;
  /** Resolves host names for the downstream URL's check (default: the system resolver). */
  resolveHost?: ResolveHost;
  log?: (message: string) => void;
}

/** The configuration cannot be served; the message says what to change. */
export class ConsoleStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsoleStartError';
  }
}

export interface ConsoleServer {
  app: Hono<ConsoleEnv>;
  deps: ConsoleDeps;
  /**
   * Starts listening on the configured host and port; answers the URL. Rejects with a
   * `ConsoleStartError` when the configuration cannot be served (a downstream URL that is the
   * mock's own control API).
   */
  listen(): Promise<{ url: string; port: number }>;
  /** Ends every event stream, waits for forwarding in flight, and stops listening. */
  close(): Promise<void>;
}

/**
 * Wires the console's backend from its configuration: the sdk client (the only holder of the
 * system key), sessions, the notification hub and its webhook, the optional downstream forwarder,
 * and (against the mock) the control API reader. Nothing here reads the process.
 */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const { config } = options;
  const now = options.now ?? Date.now;
  const randomToken = options.randomToken ?? (() => randomBytes(32).toString('base64url'));
  const log = options.log ?? ((message: string) => console.log(`omnikit-console: ${message}`));
  const fetchFn = options.fetch;
  let listeningUrl: string | undefined;

  const hub = new NotificationHub();
  const sessions = new SessionStore({
    now,
    randomToken,
    idleMs: options.sessionIdleMs ?? 12 * 3_600_000,
    onEnd: (session, reason) => hub.endSession(session.id, reason),
  });
  const client = new OmniClient({
    baseUrl: config.omniUrl,
    systemKey: config.systemKey,
    ...(config.omniTimeZone === undefined ? {} : { timeZone: config.omniTimeZone }),
    timeoutMs: 15_000,
    // A person is waiting on each answer: retry a safe request once, and never sit out a long
    // Retry-After (the agent is told Omni is busy instead).
    maxRetries: 1,
    retryDelay: { maxRetryAfterMs: 2_000 },
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
  const control =
    config.target === 'mock'
      ? new MockControl({
          baseUrl: config.omniUrl,
          systemKey: config.systemKey,
          adminKey: config.adminKey,
          ...(fetchFn ? { fetch: fetchFn } : {}),
        })
      : undefined;
  // Only this process knows it: a notification that verifies came from the Omni it configured.
  const webhookSecret = randomToken();
  // In the endpoint URL: what lets an Omni that does not sign be told from a stranger (webhook-receiver.ts).
  const webhookKey = randomToken();
  const publicUrl = () => config.publicUrl ?? listeningUrl ?? `http://${config.host}:${config.port}`;
  const deps: ConsoleDeps = {
    target: config.target,
    omniUrl: config.omniUrl,
    listenHost: config.host,
    publicUrl: config.publicUrl,
    version: CONSOLE_VERSION,
    client,
    sessions,
    hub,
    webhook: new WebhookEndpoint({
      url: () => `${publicUrl()}${WEBHOOK_PATH}?${WEBHOOK_KEY_PARAM}=${webhookKey}`,
      secret: webhookSecret,
      now,
      log,
    }),
    webhookSecret,
    webhookKey,
    omniTimeZone: config.omniTimeZone,
    phone: new PhoneSettingsSource({
      sipUrl: config.sipUrl,
      realm: config.sipRealm,
      control,
      passwords: config.webrtcPasswords,
    }),
    control,
    forwarder:
      config.downstreamUrl === undefined
        ? undefined
        : new DownstreamForwarder({
            url: config.downstreamUrl,
            secret: config.downstreamSecret,
            now,
            log,
            ...(options.downstreamTimeoutMs === undefined ? {} : { timeoutMs: options.downstreamTimeoutMs }),
            ...(fetchFn ? { fetch: fetchFn } : {}),
          }),
    secureCookie: (config.publicUrl ?? '').startsWith('https:'),
    now,
    webDir: config.webDir,
    simulationReport: config.target === 'mock' ? config.simulationReport : undefined,
    log,
  };
  const app = createConsoleApp(deps);
  let server: ServerType | undefined;
  const webhookCheckMs = options.webhookCheckMs ?? 30_000;
  let webhookTimer: ReturnType<typeof setInterval> | undefined;
  let checking = false;
  // The newest session's token is the likeliest to be one Omni still knows.
  const checkWebhook = () => {
    const session = sessions.all().at(-1);
    if (!session || checking) return;
    checking = true;
    void deps.webhook.check(session.agent).finally(() => {
      checking = false;
    });
  };

  return {
    app,
    deps,
    async listen() {
      if (config.downstreamUrl !== undefined) {
        const problem = await downstreamUrlProblem(config.downstreamUrl, config.omniUrl, options.resolveHost);
        if (problem) throw new ConsoleStartError(problem);
      }
      return new Promise((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          listeningUrl = `http://${host}:${info.port}`;
          if (webhookCheckMs > 0) {
            webhookTimer = setInterval(checkWebhook, webhookCheckMs);
            webhookTimer.unref();
          }
          resolve({ url: listeningUrl, port: info.port });
        });
        s.once('error', reject);
        server = s;
      });
    },
    async close() {
      clearInterval(webhookTimer);
      webhookTimer = undefined;
      hub.closeAll();
      await deps.forwarder?.idle();
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        // Event streams and keep-alive connections must not hold the process open.
        if ('closeAllConnections' in s && typeof s.closeAllConnections === 'function') s.closeAllConnections();
      });
    },
  };
}
