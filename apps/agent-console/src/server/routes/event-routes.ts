import { streamSSE } from 'hono/streaming';
import type { ConsoleEventData, ConsoleEventName } from '../../shared/console-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import type { ConsoleHandlers } from '../mount-console-routes.js';

/** A comment line this often keeps proxies from closing an idle stream (wall clock). */
const KEEP_ALIVE_MS = 15_000;

/**
 * `events`: Server-Sent Events for the signed-in agent. `hello` first, then `token` (the Omni token's
 * expiry, sent again whenever the token changes), every notification whose `user_id` is this agent's,
 * and `session` when the session ends (the stream closes after it). Writes go out one at a time, in
 * order. `HEAD` answers the headers and opens no stream.
 */
export function eventRoutes(deps: ConsoleDeps) {
  return {
    events: (c) => {
      const session = c.get('session');
      c.header('cache-control', 'no-cache, no-transform');
      c.header('x-accel-buffering', 'no');
      // Hono answers HEAD with the GET handler, and a HEAD response has no body to abort: a stream
      // opened for it would never end. The headers are the whole answer.
      if (c.req.method === 'HEAD') return c.body(null, 200, { 'content-type': 'text/event-stream' });
      return streamSSE(c, async (stream) => {
        let closed = false;
        let release: () => void = () => {};
        const done = new Promise<void>((resolve) => {
          release = resolve;
        });
        let chain = Promise.resolve();
        const write = (event: string, data: string) => {
          chain = chain.then(() => (closed ? undefined : stream.writeSSE({ event, data }))).catch(() => undefined);
          return chain;
        };
        const unsubscribe = deps.hub.subscribe({
          sessionId: session.id,
          userId: session.userId,
          send<E extends ConsoleEventName>(event: E, data: ConsoleEventData<E>) {
            void write(event, JSON.stringify(data));
          },
          close() {
            // Let the last event (`session`) out before the stream ends.
            void chain.then(() => {
              closed = true;
              release();
            });
          },
        });
        const keepAlive = setInterval(() => {
          chain = chain
            .then(() => (closed ? undefined : stream.write(': keep-alive\n\n')))
            .then(
              () => undefined,
              () => undefined,
            );
        }, KEEP_ALIVE_MS);
        stream.onAbort(() => {
          closed = true;
          release();
        });
        await write('hello', JSON.stringify({ user_id: session.userId, at: new Date(deps.now()).toISOString() }));
        // The token as it stands: a browser whose stream dropped while the token changed catches up here.
        await write('token', JSON.stringify({ expires_at: session.omni.expiryDate }));
        await done;
        clearInterval(keepAlive);
        unsubscribe();
      });
    },
  } satisfies Partial<ConsoleHandlers>;
}
