import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installWebSocketGlobal, RawAgent } from './sipjs-agent.js';
import { type SipTestServer, startSipTestServer } from './sip-test-server.js';

installWebSocketGlobal();

describe('registrar over a real WebSocket (sip.js 0.21 agents)', () => {
  let server: SipTestServer;
  const agents: RawAgent[] = [];
  const agent = (
    options: Partial<ConstructorParameters<typeof RawAgent>[0]> & { extension: string; password: string },
  ) => {
    const created = new RawAgent({ url: server.url, ...options });
    agents.push(created);
    return created;
  };

  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    await server.close();
  });

  it('registers with the right WebRTC password and reports the binding', async () => {
    const phone = agent({ extension: '1001', password: 'webrtc1' });
    await phone.start();
    expect(await phone.register()).toBe(200);
    expect(phone.registered).toBe(true);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
    const event = await server.waitFor((e) => e.kind === 'registered');
    expect(event).toMatchObject({ systemId: 'sys-default', extension: '1001' });
    expect(event.binding.userId).toBe(1);
    expect(event.binding.aor).toBe('sip:1001@omni.mock');
    expect(event.binding.expiresAt - server.clock.now).toBe(600_000);
  });
});
