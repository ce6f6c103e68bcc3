import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStaticSipAccounts, type StaticSipUser } from '../../../src/sip/sip-accounts.js';
import { attachSipEdge, type SipBindingInfo, type SipEdge, type SipEdgeDeps } from '../../../src/sip/sip-edge.js';

/** Two systems whose extensions repeat, as in the mock: the default one and `acme`. */
export const TEST_USERS: StaticSipUser[] = [
  { systemId: 'sys-default', extension: '1001', userId: 1, webrtcPassword: 'webrtc1' },
  { systemId: 'sys-default', extension: '1002', userId: 2, webrtcPassword: 'webrtc2' },
  { systemId: 'sys-default', extension: '1003', userId: 3, webrtcPassword: 'webrtc3' },
  { systemId: 'sys-acme', systemRef: 'acme', extension: '1001', userId: 11, webrtcPassword: 'acme1' },
];

export interface RegistrationEvent {
  kind: 'registered' | 'unregistered';
  systemId: string;
  extension: string;
  reason?: string;
  binding: SipBindingInfo;
}

export interface SipTestServer {
  server: Server;
  edge: SipEdge;
  url: string;
  port: number;
  events: RegistrationEvent[];
  /** Moves the injected wall clock. */
  clock: { now: number };
  /** Resolves when an event matching `predicate` has been recorded (or already was). */
  waitFor(predicate: (event: RegistrationEvent) => boolean, timeoutMs?: number): Promise<RegistrationEvent>;
  close(): Promise<void>;
}

export async function startSipTestServer(extra: Partial<SipEdgeDeps> = {}): Promise<SipTestServer> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end('not found');
  });
  const clock = { now: Date.UTC(2026, 0, 5, 8, 0, 0) };
  const events: RegistrationEvent[] = [];
  const waiters = new Set<{
    predicate: (event: RegistrationEvent) => boolean;
    resolve: (e: RegistrationEvent) => void;
  }>();
  const record = (event: RegistrationEvent) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  };
  const edge = attachSipEdge(server, {
    accounts: createStaticSipAccounts(TEST_USERS),
    now: () => clock.now,
    onRegistered: (systemId, extension, binding) => record({ kind: 'registered', systemId, extension, binding }),
    onUnregistered: (systemId, extension, binding, reason) =>
      record({ kind: 'unregistered', systemId, extension, binding, reason }),
    ...extra,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    edge,
    url: `ws://127.0.0.1:${port}/ws`,
    port,
    events,
    clock,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = events.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error('timed out waiting for a registration event'));
        }, timeoutMs);
      });
    },
    async close() {
      await edge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
