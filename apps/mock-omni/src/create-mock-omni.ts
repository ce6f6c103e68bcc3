import { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { type ServerType, serve } from '@hono/node-server';
import { parseClockStart, type SipMediaMode } from '@omnikit/contracts/control';
import { parseVary, type Variation } from '@omnikit/contracts/variants';
import type { Hono } from 'hono';
import { parseClockSetting } from './engine/clock.js';
import type { NetworkPhones } from './engine/ports.js';
import { DEMO_SYSTEM_KEY } from './engine/systems/demo-data.js';
import type { TimerHandler } from './engine/timers/timer-service.js';
import { answerClientError } from './http/answer-client-error.js';
import type { ControlHandlers } from './http/control-handlers.js';
import { createApp } from './http/create-app.js';
import { ignoredVariationDetail } from './http/ignored-variation-detail.js';
import type { OmniHandlers } from './http/omni-handlers.js';
import { OriginGuard } from './http/origin-guard.js';
import { storageFailure } from './http/storage-failure.js';
import { type Logger, MockServices } from './mock-services.js';
import { redactingLogger } from './redacting-logger.js';
import { preloadDemoFaker } from './runtime/demo-faker.js';
import { startLoadStats } from './runtime/load-stats.js';
import { OwnListeners } from './runtime/own-listeners.js';
import { createSipPhones } from './runtime/sip-phones.js';
import { TimerDriver } from './runtime/timer-driver.js';
import { createWebhookDelivery } from './runtime/webhook-delivery.js';
import { createDb } from './store/create-db.js';
import { createStores } from './store/create-stores.js';
import { createTelephonyStores } from './store/create-telephony-stores.js';
import { alignDemoMessageOfTheDay } from './store/demo-motd-repair.js';
import { createNodeSecrets } from './store/node-secrets.js';
import { MOCK_VERSION } from './version.js';

export interface MockOmniOptions {
  /** A file path or `:memory:` (the default here; the CLI defaults to omni.db in the user's data directory). */
  db?: string;
  /** Seed of new systems (default 1). */
  seed?: number;
  /**
   * Load the demo data's faker only when a system's demo data is first built, synchronously (the CLI: a mock on an
   * existing database starts without it). Default false: it is loaded up front with `import()`, which works under
   * every test runner's module loader (jest's ES-module runtime cannot `require` an ES module).
   */
  deferDemoFaker?: boolean;
  /**
   * The plausible Omni its systems play where the wiki is silent: a `--vary` text (`errors=ok-false,dates=vicidial`,
   * `random` drawn from `seed`) or a `Variation`. Default: the contracts' own shapes.
   */
  vary?: string | Variation;
  /** `real` | `manual` | `scaled:N`: the clock of new systems (default `real`). */
  clock?: string;
  /**
   * ISO instant new systems' clocks start at. Default (omni-api.md B.3a): the wall clock's current
   * instant for a `real` or `scaled` clock, `MANUAL_CLOCK_START` (Monday 2026-01-05T08:00:00.000Z)
   * for a `manual` one.
   */
  clockStart?: string;
  /** When set, every control route but `/health` needs it in `X-Mock-Admin-Key`. */
  adminKey?: string;
  /**
   * Host names the mock answers to beyond loopback names and IP addresses (`--host` and
   * `--allow-host`); `*` answers any. A request with another `Host` is 403 `FORBIDDEN_ORIGIN`.
   */
  allowedHosts?: readonly string[];
  /** Browser origins beyond the mock's own that may call the control API (the agent console's). */
  allowedOrigins?: readonly string[];
  /** Resolves a notification endpoint's host name (default: the system resolver), for tests. */
  resolveHost?: (host: string) => Promise<string[]>;
  /** The wall clock (default Date.now), injected for tests. */
  wallNow?: () => number;
  /**
   * Behave as a real Omni would: no control API but `/health`, no magic numbers, and the
   * default system's test lines (`STRICT_TEST_LINES`) so that a test suite has numbers to dial.
   * A manual clock is refused: nothing could move it.
   */
  strict?: boolean;
  /** Check every answer against its contract (default true: tests and development). */
  validateResponses?: boolean;
  logger?: Logger;
  /**
   * More registrations that count as registered (besides virtual phones, and the SIP edge the mock
   * attaches to the first server it listens on).
   */
  registrations?: Pick<NetworkPhones, 'isRegistered'>;
  /**
   * The SIP edge (`ws://…/ws`): a phone's wall-clock time to answer its bridge call (30 s), the
   * digest realm, and the bridge legs' media: `fake` (default, SDP only) or `webrtc` (real audio).
   */
  sip?: { answerTimeoutMs?: number; realm?: string; media?: SipMediaMode };
  /** More Omni handlers, beside (or instead of) the built-in ones. */
  handlers?: OmniHandlers;
  /** More control API handlers, beside (or instead of) the built-in ones. */
  controlHandlers?: ControlHandlers;
  /** Timer handlers by kind, registered before stored timers are re-armed. */
  timerHandlers?: Record<string, TimerHandler>;
  /**
   * Write a line of load statistics (runtime/load-stats.ts) every `intervalMs` until closed:
   * `omni-mock --stats <s>`, read by the soak bench. Off by default.
   */
  stats?: { intervalMs: number; write: (line: string) => void };
}

export interface ListenOptions {
  port?: number;
  host?: string;
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface MockOmni {
  /** The whole server. */
  app: Hono;
  /** In-process requests, same as `app.fetch`. */
  fetch(request: Request): Promise<Response>;
  /** `omni-demo-key`. */
  defaultSystemKey: string;
  /** Everything the handlers use (for tests and the call engine's wiring). */
  services: MockServices;
  listen(opts?: ListenOptions): Promise<Listening>;
  /** Stops listeners and timers and closes the database cleanly. */
  close(): Promise<void>;
}

/**
 * The strict mock's test lines: numbers a real Omni's owner would hand a test suite
 * (`OMNI_TEST_NUMBERS`). Each answers after 1 s and never hangs up by itself, like a colleague's
 * phone on auto-answer. They are callee rules of the default system, written at start in strict
 * mode when it has none.
 */
export const STRICT_TEST_LINES: readonly string[] = [
  '0870000001',
  '0870000002',
  '0870000003',
  '0870000004',
  '0870000005',
];

const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error ?? ''),
};

/** Opens the database, makes sure the default system exists, and builds the server. */
export async function createMockOmni(options: MockOmniOptions = {}): Promise<MockOmni> {
  const start = options.clockStart === undefined ? undefined : parseClockStart(options.clockStart);
  if (start && !start.ok) throw new Error(`clockStart ${start.problem}, not "${options.clockStart}"`);
  const clockStart = start?.ok ? start.ms : undefined;
  const clock = parseClockSetting(options.clock ?? 'real');
  if (options.strict && clock.mode === 'manual')
    throw new Error('strict mode has no control API to move a manual clock: use a real or scaled clock');
  const variation = typeof options.vary === 'string' ? parseVary(options.vary, options.seed ?? 1) : options.vary;
  if (!options.deferDemoFaker) await preloadDemoFaker();
  const open = createDb(options.db ?? ':memory:');
  // Before any store caches a campaign: the demo's message of the day names a magic number only where there are some.
  alignDemoMessageOfTheDay(open.sqlite, { magicNumbers: !options.strict });
  const stores = createStores(open);
  // Every line the mock logs passes the contracts' secret-field rule first.
  const logger = redactingLogger(options.logger ?? consoleLogger);
  const validateResponses = options.validateResponses ?? true;
  const webhooks = createWebhookDelivery(open, {
    transactor: stores.tx,
    validate: validateResponses,
    wallNow: options.wallNow ?? Date.now,
    // A corrupt or full database is said once, not with a stack trace per delivery attempt.
    onError: (error) => {
      if (!storageFailure(error, logger)) logger.error('webhook delivery failed', error);
    },
  });
  const sip = createSipPhones(() => services, {
    logger,
    registrations: options.registrations,
    ...(options.wallNow ? { wallNow: options.wallNow } : {}),
    ...options.sip,
  });
  const originGuard = new OriginGuard({
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
  });
  const listeners = new OwnListeners({
    // node:dns/promises is loaded by the first webhook to a host name, not at start-up.
    resolve:
      options.resolveHost ??
      (async (host) => (await (await import('node:dns/promises')).lookup(host, { all: true })).map((a) => a.address)),
    localAddresses: () => Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address)),
  });
  const services: MockServices = new MockServices({
    stores,
    telephony: createTelephonyStores(open),
    notifications: webhooks.sink,
    webhooks,
    secrets: createNodeSecrets(),
    wallNow: options.wallNow ?? Date.now,
    seed: options.seed ?? 1,
    variation,
    clock,
    clockStart,
    adminKey: options.adminKey,
    originGuard,
    listeners,
    validateResponses,
    strict: options.strict ?? false,
    logger,
    version: MOCK_VERSION,
    phones: sip,
  });
  for (const [kind, handler] of Object.entries(options.timerHandlers ?? {})) services.timers.register(kind, handler);
  // Said once: such a system answers as the mock's --vary from now on, and GET /__mock/system/variation names it.
  for (const ignored of services.registry.ignoredVariations()) {
    const which = `system ${ignored.systemId}${ignored.isDefault ? ' (the default system)' : ''}`;
    logger.info(`omni-mock: ${which}: ${ignoredVariationDetail(ignored, MOCK_VERSION)}`);
  }
  const defaultSystem = services.registry.getDefault();
  if (options.strict && services.telephony.calleeRules.get(defaultSystem.systemId).length === 0) {
    const rules = STRICT_TEST_LINES.map((number) => ({
      number,
      behaviour: { outcome: 'answer' as const, ring_ms: 1_000, talk_ms: null },
    }));
    services.telephony.calleeRules.set(defaultSystem.systemId, rules, defaultSystem.clock.now());
  }
  const app = createApp(services, options.handlers, options.controlHandlers);
  // Notifications left pending by an earlier run (a crash included) go out now.
  webhooks.start(services);
  const driver = new TimerDriver(services);
  driver.start();
  const stats = options.stats ? startLoadStats({ ...options.stats, extra: stores.checkpoints.take }) : undefined;
  const servers = new Set<ServerType>();
  let closed = false;

  let sipServer: ServerType | undefined;

  const forgetListener = new Map<ServerType, () => void>();

  async function closeServer(server: ServerType): Promise<void> {
    servers.delete(server);
    forgetListener.get(server)?.();
    forgetListener.delete(server);
    // Phones' WebSockets would hold the server open: the SIP edge closes them first.
    if (server === sipServer) await sip.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // In-flight requests finish; idle keep-alive sockets would hold close() open forever.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });
  }

  return {
    app,
    fetch: async (request) => app.fetch(request),
    defaultSystemKey: DEMO_SYSTEM_KEY,
    services,
    async listen(opts = {}) {
      if (closed) throw new Error('this mock is closed');
      const host = opts.host ?? '127.0.0.1';
      originGuard.allowHost(host);
      const server = await new Promise<ServerType>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, () => resolve(s));
        s.once('error', reject);
      });
      servers.add(server);
      // A request node's parser refuses gets the error body of B.2, not node's empty answer.
      server.on('clientError', answerClientError);
      // WebRTC phones register on the first server: ws://<host>:<port>/ws.
      if (server instanceof HttpServer && sipServer === undefined) {
        sip.attach(server);
        sipServer = server;
      }
      const { port, address } = server.address() as AddressInfo;
      forgetListener.set(server, listeners.add(address, port));
      const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      return { url: `http://${shown}:${port}`, port, close: () => closeServer(server) };
    },
    async close() {
      if (closed) return;
      closed = true;
      stats?.stop();
      driver.stop();
      await Promise.all([...servers].map(closeServer));
      await webhooks.stop();
      services.registry.clear();
      // Writes of the last event-loop turn are committed before the file closes (group commit).
      stores.tx.flush();
      open.close();
    },
  };
}
