import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The mock's SIP edge, from source: @omnikit/mock-omni does not export it from its index.
import { createStaticSipAccounts } from '../../../../apps/mock-omni/src/sip/sip-accounts.js';
import { attachSipEdge, type SipBindingInfo, type SipEdge } from '../../../../apps/mock-omni/src/sip/sip-edge.js';

export interface EdgeEvent {
  kind: 'registered' | 'unregistered';
  extension: string;
  reason?: string;
  binding: SipBindingInfo;
}

export interface EdgeServer {
  edge: SipEdge;
  server: Server;
  url: string;
  events: EdgeEvent[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1:0 with the mock's SIP edge and the demo users 1001…1003. */
export async function startEdgeServer(): Promise<EdgeServer> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const events: EdgeEvent[] = [];
  const edge = attachSipEdge(server, {
    accounts: createStaticSipAccounts([
      { systemId: 'demo', extension: '1001', userId: 1, webrtcPassword: 'webrtc1' },
      { systemId: 'demo', extension: '1002', userId: 2, webrtcPassword: 'webrtc2' },
      { systemId: 'demo', extension: '1003', userId: 3, webrtcPassword: 'webrtc3' },
    ]),
    onRegistered: (_systemId, extension, binding) => events.push({ kind: 'registered', extension, binding }),
    onUnregistered: (_systemId, extension, binding, reason) =>
      events.push({ kind: 'unregistered', extension, binding, reason }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    edge,
    server,
    url: `ws://127.0.0.1:${port}/ws`,
    events,
    async close() {
      await edge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until `check` holds (events cross a real socket). */
export async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
