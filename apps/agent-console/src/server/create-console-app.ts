import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { ConsoleDeps } from './console-deps.js';
import type { ConsoleEnv } from './console-env.js';
import { consoleHandlers } from './console-handlers.js';
import { ConsoleHttpError, toConsoleError } from './console-http-error.js';
import { hostGuard } from './host-guard.js';
import { mountConsoleRoutes } from './mount-console-routes.js';
import { mountSimulationReport } from './routes/simulation-report-routes.js';
import { mountWebAppRoutes } from './routes/web-app-routes.js';
import { sessionGuard } from './session-guard.js';
import { createWebhookReceiver } from './webhook-receiver.js';

/** Where Omni posts notifications to this backend. */
export const WEBHOOK_PATH = '/webhooks/omni';

/** Bodies the browser sends are small (a sign-in, a number, a note of at most 2000 characters). */
const MAX_API_BODY_BYTES = 64 * 1024;

/** The console's HTTP app: `/api/*` for the browser, the webhook for Omni, `/health`, and the web app. */
export function createConsoleApp(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.onError((error, c) => {
    const failure = toConsoleError(error, deps.omniUrl);
    if (failure.code === 'INTERNAL')
      deps.log(`internal error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    // Omni refused this session's token, and its password for a new one: the session is over, the browser
    // signs in again.
    if (failure.code === 'SESSION_EXPIRED') {
      const session = c.get('session') as ConsoleEnv['Variables']['session'] | undefined;
      if (session) deps.sessions.end(session, 'expired');
      deps.webhook.suspect();
    }
    if (failure.retryAfter !== undefined) c.header('retry-after', String(failure.retryAfter));
    return c.json(failure.toBody(), failure.status);
  });

  // The console must not be framed (clickjacking the call buttons) nor sniffed; HSTS only when it
  // is served over https (a browser ignores it on http, and loopback has no certificate).
  app.use('*', secureHeaders({ xFrameOptions: 'DENY', strictTransportSecurity: deps.secureCookie }));
  // The webhook is left to its own check (a signature, or the URL's key): Omni may reach it through a
  // proxy or tunnel under another name, and a rebinding page can neither sign nor know the key.
  app.use(
    '*',
    hostGuard({
      names: [deps.listenHost, ...(deps.publicUrl === undefined ? [] : [new URL(deps.publicUrl).hostname])],
      except: [WEBHOOK_PATH],
    }),
  );

  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      target: deps.target,
      version: deps.version,
      sessions: deps.sessions.size,
      streams: deps.hub.streamCount,
      notifications_received: deps.hub.received,
      // The last known truth: Omni does not say when it stops posting here (see WebhookEndpoint).
      webhook_endpoint_set: deps.webhook.isSet,
      webhook_endpoint: deps.webhook.status,
      ...(deps.forwarder ? { downstream: deps.forwarder.stats } : {}),
    }),
  );

  const receive = createWebhookReceiver({
    secret: deps.webhookSecret,
    key: deps.webhookKey,
    now: deps.now,
    timeZone: deps.omniTimeZone,
    onNotification: (notification, delivery) => {
      deps.hub.dispatch(notification);
      deps.forwarder?.push(notification, delivery.id);
    },
    log: deps.log,
  });
  app.post(WEBHOOK_PATH, (c) => receive(c.req.raw));

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_API_BODY_BYTES,
      onError: () => {
        throw new ConsoleHttpError('PAYLOAD_TOO_LARGE', 'That is more data than the console accepts in one request.');
      },
    }),
  );
  mountConsoleRoutes(app, consoleHandlers(deps), sessionGuard(deps.sessions));
  app.all('/api/*', (c) => {
    throw new ConsoleHttpError('NOT_FOUND', `The console has no ${c.req.method} ${c.req.path}.`);
  });

  mountSimulationReport(app, deps);
  mountWebAppRoutes(app, deps.webDir);
  return app;
}
