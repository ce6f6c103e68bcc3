/**
 * WebRTC phones on a listening mock: the SIP edge on the mock's own port (`/ws`), its registrations counting for
 * campaign login, the bridge INVITE after login, hold and retrieve as re-INVITEs, a BYE at logout, and a phone that
 * goes away or never answers its bridge call dropping its agent.
 *
 * @module
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createMockOmni, type Listening, type MockOmni } from '../../src/index.js';
import { LiteSipClient, type SipText } from '../sip/support/lite-sip-client.js';
import { OmniTestClient } from '../support/omni-client.js';
import { label, recorded, TestAgent } from '../support/telephony.js';
import { until } from '../support/until.js';

let mock: MockOmni;
let server: Listening;
let client: OmniTestClient;
const phones: LiteSipClient[] = [];

beforeEach(async () => {
  mock = await createMockOmni({
    clock: 'manual',
    logger: { info: () => {}, error: () => {} },
    sip: { answerTimeoutMs: 300 },
  });
  server = await mock.listen({ port: 0 });
  client = new OmniTestClient(mock);
});
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
  await server.close();
  await mock.close();
});

async function phone(extension = '1001', password = 'webrtc1', path = '/ws'): Promise<LiteSipClient> {
  const p = await LiteSipClient.connect(`${server.url.replace('http', 'ws')}${path}`);
  phones.push(p);
  expect((await p.register({ extension, password })).status).toBe(200);
  return p;
}

/** The status and body of a refused WebSocket handshake. */
function refusal(url: string): Promise<{ status: number | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, ['sip']);
    socket.once('open', () => {
      socket.close();
      reject(new Error(`${url}: the handshake was accepted`));
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    socket.once('error', () => undefined);
  });
}

const direction = (invite: SipText | undefined) =>
  /^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(invite?.body ?? '')?.[1];

describe('a SIP phone on the mock’s port', () => {
  it('loads the SIP edge on the first upgrade: phones connecting at once all register, other paths get 404', async () => {
    const base = server.url.replace('http', 'ws');
    const refused = LiteSipClient.connect(`${base}/not-sip`).then(
      () => 'opened',
      (error: Error) => error.message,
    );
    const at = await Promise.all(
      ['1001', '1002', '1003', '1004', '1005'].map(async (extension, i) => {
        const p = await LiteSipClient.connect(`${base}/ws`);
        phones.push(p);
        return (await p.register({ extension, password: `webrtc${i + 1}` })).status;
      }),
    );
    expect(at).toEqual([200, 200, 200, 200, 200]);
    expect(await refused).toBe('handshake refused: 404');
    expect((await client.request('GET', '/__mock/phones')).body.phones).toHaveLength(5);
  });

  it('registers for login: the bridge INVITE is answered, hold and retrieve re-INVITE, logout sends BYE', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    expect((await a.view()).registered).toBe(false);
    const p = await phone();
    expect((await a.view()).registered).toBe(true);
    expect((await client.request('GET', '/__mock/phones')).body.phones).toEqual([
      { extension: '1001', user_id: 1, kind: 'sip', registered_at: null },
    ]);
    expect((await a.login()).status).toBe(200);
    await until('the bridge INVITE', () => p.invites.length === 1);
    expect(p.invites[0]?.header('to')).toContain('sip:1001@');
    const { call_id } = (await a.dial('0800555008')).body;
    await client.advance(1_000);
    await a.command(call_id, 'hold');
    await until('the hold re-INVITE', () => p.invites.length === 2);
    expect(direction(p.invites[1])).toBe('sendonly');
    await a.command(call_id, 'retrieve');
    await until('the retrieve re-INVITE', () => p.invites.length === 3);
    expect(direction(p.invites[2])).toBe('sendrecv');
    await a.command(call_id, 'hangup');
    await a.command(call_id, 'dispose', { disposition_code: 'NI' });
    const bye = p.next((m) => m.method === 'BYE');
    expect((await a.post('/omni/users/1/logout')).status).toBe(200);
    expect((await bye).method).toBe('BYE');
    expect((await a.view()).agent_state).toBe('logged_out');
  });

  it('a phone that unregisters drops its agent (phone_dropped)', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const p = await phone();
    await a.login();
    await until('the bridge INVITE', () => p.invites.length === 1);
    expect((await p.register({ extension: '1001', password: 'webrtc1', expires: 0 })).status).toBe(200);
    await until('the logout', async () => (await a.view()).agent_state === 'logged_out');
    expect((await a.view()).registered).toBe(false);
    const last = (await recorded(client, { type: 'agent_state' })).at(-1)?.notification;
    expect(last).toMatchObject({ payload: { agent_state: 'logged_out', reason: 'phone_dropped' } });
  });

  it('a phone that loses its connection during a call: the call is hung up, the agent wraps up then logs out', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const p = await phone();
    await a.login();
    const { call_id } = (await a.dial('0800555008')).body;
    await client.advance(1_000);
    await p.close();
    await until('the hang-up', async () => (await a.call(call_id)).call_state === 'ended');
    expect((await a.view()).agent_state).toBe('wrap_up');
    await a.command(call_id, 'dispose', { disposition_code: 'NI' });
    expect((await a.view()).agent_state).toBe('logged_out');
    const seq = (await recorded(client)).map((d) => label(d.notification));
    expect(seq.slice(-3)).toEqual(['agent_state:wrap_up', 'agent_state:logged_out', 'cdr']);
  });

  it('a phone that does not answer its bridge call in time: login 409, the agent never logged in', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const p = await phone();
    p.autoAnswer = false;
    const res = await a.login();
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('did not answer its bridge call within 300 ms');
    expect(p.invites).toHaveLength(1);
    expect((await a.view()).agent_state).toBe('logged_out');
    expect(await recorded(client, { type: 'agent_state' })).toEqual([]);
  });

  it('another system’s phones register at /ws/<system id>', async () => {
    const created = await client.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
    const other = client.withKey(created.body.system_key as string);
    const systemId = mock.services.registry.get(created.body.system_key as string)?.systemId;
    await phone('1002', 'webrtc2', `/ws/${systemId}`);
    expect((await other.request('GET', '/__mock/phones')).body.phones).toEqual([
      { extension: '1002', user_id: 2, kind: 'sip', registered_at: null },
    ]);
    expect((await client.request('GET', '/__mock/phones')).body.phones).toEqual([]);
  });

  it('a system’s phones register at /ws/<system key> and /ws?auth-key=<key>, as at /ws/<system id>', async () => {
    const key = (await client.request('POST', '/__mock/systems', { body: { clock: 'manual' } })).body
      .system_key as string;
    const other = client.withKey(key);
    await phone('1002', 'webrtc2', `/ws/${key}`);
    await phone('1003', 'webrtc3', `/ws?auth-key=${key}`);
    expect((await other.request('GET', '/__mock/phones')).body.phones).toEqual([
      { extension: '1002', user_id: 2, kind: 'sip', registered_at: null },
      { extension: '1003', user_id: 3, kind: 'sip', registered_at: null },
    ]);
    expect((await client.request('GET', '/__mock/phones')).body.phones).toEqual([]);
    // Registered by key, the phone takes the system's bridge call at login like any other.
    const token = await other.login('agent2');
    const a = new TestAgent(other, 2, token, '1002');
    expect((await a.login()).status).toBe(200);
    await until('the bridge INVITE', () => (phones[0]?.invites.length ?? 0) === 1);
  });

  it('/ws/<unknown key> and a bad ?auth-key= are refused at the handshake with 404 naming why', async () => {
    const base = server.url.replace('http', 'ws');
    for (const [path, reason] of [
      ['/ws/no-such-system-key', 'Not Found: no system no-such-system-key'],
      ['/ws?auth-key=no-such-system-key', 'Not Found: no system no-such-system-key'],
      ['/ws?auth-key=', 'Not Found: malformed system reference'],
      ['/ws?auth-key=a%20b', 'Not Found: malformed system reference'],
    ] as const) {
      expect(await refusal(`${base}${path}`), path).toEqual({ status: 404, body: reason });
    }
  });
});
