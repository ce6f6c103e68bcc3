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
import type { SipPhones } from '../../src/runtime/sip-phones.js';
import { fakeAnswerSdp, LiteSipClient, type SipText } from '../sip/support/lite-sip-client.js';
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

  it('a call that ends on hold takes the phone off hold: the customer leaving, a hangup, connect', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const p = await phone();
    expect((await a.login()).status).toBe(200);
    await until('the bridge INVITE', () => p.invites.length === 1);
    const heldThenFreed = async (before: number) => {
      await until('the hold re-INVITE', () => p.invites.length >= before + 1);
      expect(direction(p.invites[before])).toBe('sendonly');
      await until('the phone taken off hold', () => p.invites.length >= before + 2);
      expect(direction(p.invites[before + 1])).toBe('sendrecv');
    };
    // The customer hangs up while on hold (0800555007: 10 s after the answer).
    const first = (await a.dial('0800555007')).body.call_id as number;
    await client.advance(3_000);
    expect((await a.command(first, 'hold')).status).toBe(200);
    await client.advance(10_000);
    expect((await a.call(first)).call_state).toBe('ended');
    await heldThenFreed(1);
    expect((await a.command(first, 'dispose', { disposition_code: 'NI' })).status).toBe(200);
    // The agent hangs up a held customer.
    const second = (await a.dial('0800555008')).body.call_id as number;
    await client.advance(1_000);
    expect((await a.command(second, 'hold')).status).toBe(200);
    expect((await a.command(second, 'hangup')).status).toBe(200);
    await heldThenFreed(3);
    expect((await a.command(second, 'dispose', { disposition_code: 'NI' })).status).toBe(200);
    // A parked customer connected to a 3rd party: the phone came off hold when the agent dialled the 3rd party
    // (a conference is no hold for the agent) and stays so; connect takes the customer off hold.
    const third = (await a.dial('0800555008')).body.call_id as number;
    await client.advance(1_000);
    expect((await a.command(third, 'hold')).status).toBe(200);
    expect((await a.command(third, 'conference', { phone_number: '0800555008' })).status).toBe(200);
    await client.advance(1_000);
    expect((await a.command(third, 'connect')).status).toBe(200);
    await heldThenFreed(5);
    // No more re-INVITEs than these: a retrieve of a phone not on hold sends none.
    await new Promise((r) => setTimeout(r, 100));
    expect(p.invites).toHaveLength(7);
  });

  it('hold during a conference parks the customer only: the phone stays sendrecv while a 3rd party is on', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const p = await phone();
    expect((await a.login()).status).toBe(200);
    await until('the bridge INVITE', () => p.invites.length === 1);
    const call = (await a.dial('0800555008')).body.call_id as number;
    await client.advance(1_000);
    // The 3rd party (0800555007) answers 3 s after its dial and hangs up 10 s later.
    const leg = (await a.command(call, 'conference', { phone_number: '0800555007' })).body.call_id as number;
    await client.advance(3_000);
    expect((await a.command(call, 'hold')).status).toBe(200);
    expect(await a.call(call)).toMatchObject({ call_state: 'on_hold', agent_leg_state: 'on_hold' });
    expect(await a.call(leg)).toMatchObject({ call_state: 'answered', agent_leg_state: 'connected' });
    expect((await a.command(call, 'retrieve')).status).toBe(200);
    expect((await a.command(call, 'hold')).status).toBe(200);
    // The 3rd party leaves while the customer is parked: the agent has nobody to talk to, so the phone is held now.
    await client.advance(10_000);
    expect(await a.call(leg)).toMatchObject({ call_state: 'ended' });
    expect(await a.call(call)).toMatchObject({ call_state: 'on_hold', agent_leg_state: 'on_hold' });
    expect((await a.command(call, 'retrieve')).status).toBe(200);
    await until('the phone held, then taken off hold', () => p.invites.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(p.invites.slice(1).map(direction)).toEqual(['sendonly', 'sendrecv']);
    // Only the customer call went on hold; the 3rd party's leg stayed answered until it left.
    const legStates = (await recorded(client, { call_id: String(leg), type: 'call_state' })).map((d) =>
      label(d.notification),
    );
    expect(legStates).toEqual([
      'call_state:initiated',
      'call_state:ringing',
      'call_state:answered',
      'call_state:ended',
    ]);
  });

  it('a customer parked before the conference: dialling the 3rd party takes the phone off hold; connect sends nothing', async () => {
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const p = await phone();
    expect((await a.login()).status).toBe(200);
    await until('the bridge INVITE', () => p.invites.length === 1);
    const call = (await a.dial('0800555008')).body.call_id as number;
    await client.advance(1_000);
    expect((await a.command(call, 'hold')).status).toBe(200);
    await until('the hold re-INVITE', () => p.invites.length === 2);
    expect(direction(p.invites[1])).toBe('sendonly');
    // The agent consults the 3rd party while the customer waits: it must hear the ringing and the answer.
    expect((await a.command(call, 'conference', { phone_number: '0800555008' })).status).toBe(200);
    await until('the phone taken off hold', () => p.invites.length === 3);
    expect(direction(p.invites[2])).toBe('sendrecv');
    await client.advance(1_000);
    expect((await a.command(call, 'connect')).status).toBe(200);
    expect(await a.call(call)).toMatchObject({ call_state: 'answered', agent_leg_state: 'ended' });
    await new Promise((r) => setTimeout(r, 100));
    expect(p.invites).toHaveLength(3);
  });

  it('a phone that refuses the hold re-INVITE: one log line, no stack trace; the call stays on hold', async () => {
    const lines: { message: string; error: unknown }[] = [];
    await server.close();
    await mock.close();
    mock = await createMockOmni({
      clock: 'manual',
      logger: { info: () => {}, error: (message, error) => lines.push({ message, error }) },
      sip: { answerTimeoutMs: 300 },
    });
    server = await mock.listen({ port: 0 });
    client = new OmniTestClient(mock);
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    const p = await phone();
    expect((await a.login()).status).toBe(200);
    const { call_id } = (await a.dial('0800555008')).body;
    await client.advance(1_000);
    p.autoAnswer = false;
    expect((await a.command(call_id, 'hold')).status).toBe(200);
    await until('the hold re-INVITE', () => p.invites.length === 2);
    p.send(p.response(p.invites[1] as SipText, 488, 'Not Acceptable Here'));
    await until('the log line', () => lines.length > 0);
    expect(lines).toEqual([{ message: expect.stringMatching(/^sip: a phone action failed: .*488/), error: undefined }]);
    expect((await a.call(call_id)).call_state).toBe('on_hold');
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

describe('a system reset or deleted under its phones', () => {
  it('a reset hangs up the bridge call (BYE); the old leg’s hang-up later leaves the new session alone', async () => {
    const p = await phone();
    const before = new TestAgent(client, 1, await client.login('agent1'), '1001');
    expect((await before.login()).status).toBe(200);
    await until('the bridge INVITE', () => p.invites.length === 1);
    const first = p.invites[0] as SipText;
    const bye = p.next((m) => m.method === 'BYE' && m.header('call-id') === first.header('call-id'));
    expect((await client.request('POST', '/__mock/system/reset', { body: {} })).status).toBe(200);
    expect((await bye).method).toBe('BYE');
    // The phone keeps its registration and takes the new session's bridge call.
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');
    expect((await a.view()).registered).toBe(true);
    expect((await a.login()).status).toBe(200);
    await until('the second bridge INVITE', () => p.invites.length === 2);
    expect(p.invites[1]?.header('call-id')).not.toBe(first.header('call-id'));
    // The phone hangs up the first leg (it missed the BYE): that leg is no agent's, so nobody is logged out.
    expect((await p.bye(first)).status).toBe(481);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await a.view()).agent_state).toBe('paused');
    expect(p.received.filter((m) => m.method === 'BYE' && m.status === undefined)).toHaveLength(1);
  });

  it('a bridge call answered after a reset belongs to no session: hung up, and the login refused', async () => {
    // The phone rings across the reset: a longer answer time than this file's 300 ms.
    const patient = await createMockOmni({
      clock: 'manual',
      logger: { info: () => {}, error: () => {} },
      sip: { answerTimeoutMs: 20_000 },
    });
    const listening = await patient.listen({ port: 0 });
    const control = new OmniTestClient(patient);
    try {
      const p = await LiteSipClient.connect(`${listening.url.replace('http', 'ws')}/ws`);
      phones.push(p);
      expect((await p.register({ extension: '1001', password: 'webrtc1' })).status).toBe(200);
      p.autoAnswer = false;
      const a = new TestAgent(control, 1, await control.login('agent1'), '1001');
      const login = a.login();
      await until('the bridge INVITE', () => p.invites.length === 1);
      expect((await control.request('POST', '/__mock/system/reset', { body: {} })).status).toBe(200);
      const invite = p.invites[0] as SipText;
      const bye = p.next((m) => m.method === 'BYE');
      p.send(p.response(invite, 200, 'OK', ['Content-Type: application/sdp'], fakeAnswerSdp(1, invite.body)));
      const res = await login;
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain('reset or deleted while the phone of extension 1001 rang');
      expect((await bye).header('call-id')).toBe(invite.header('call-id'));
    } finally {
      await Promise.all(phones.splice(0).map((p) => p.close()));
      await listening.close();
      await patient.close();
    }
  });

  it('deleting a system hangs up its legs, drops its bindings and closes its phones’ sockets', async () => {
    const key = 'doomed-system-1';
    expect(
      (await client.request('POST', '/__mock/systems', { body: { clock: 'manual', system_key: key } })).status,
    ).toBe(200);
    const other = client.withKey(key);
    const p = await phone('1002', 'webrtc2', `/ws/${key}`);
    const a = new TestAgent(other, 2, await other.login('agent2'), '1002');
    expect((await a.login()).status).toBe(200);
    await until('the bridge INVITE', () => p.invites.length === 1);
    const edge = (mock.services.phones.network as SipPhones).edge();
    expect(edge?.stats()).toMatchObject({ connections: 1, bindings: 1, legs: 1 });
    const bye = p.next((m) => m.method === 'BYE');
    const closed = new Promise<number>((resolve) => p.socket.once('close', (code) => resolve(code)));
    expect((await client.request('DELETE', `/__mock/systems/${key}`)).status).toBe(200);
    expect((await bye).method).toBe('BYE');
    expect(await closed).toBe(1001);
    await until('the connection gone', () => edge?.stats().connections === 0);
    expect(edge?.stats()).toMatchObject({ connections: 0, bindings: 0, legs: 0 });
    expect(edge?.bindings()).toEqual([]);
    // Reconnecting to the deleted system's path is refused at the handshake.
    const base = server.url.replace('http', 'ws');
    expect((await refusal(`${base}/ws/${key}`)).status).toBe(404);
  });
});

describe('the SIP WebSocket upgrade follows the Host and Origin rules of the HTTP routes', () => {
  const connectWith = async (headers: Record<string, string>, url = `${server.url.replace('http', 'ws')}/ws`) => {
    const p = await LiteSipClient.connect(url, ['sip'], { headers });
    phones.push(p);
    return (await p.register({ extension: '1001', password: 'webrtc1' })).status;
  };

  it('refuses a DNS-rebinding Host and another site’s page with 403, registering nothing', async () => {
    const url = `${server.url.replace('http', 'ws')}/ws`;
    for (const [headers, reason] of [
      [{ Host: 'evil.example' }, /does not serve the host "evil\.example".*--allow-host evil\.example/],
      [{ Host: 'rebind.evil.example:4010', Origin: 'http://rebind.evil.example:4010' }, /rebind\.evil\.example/],
      [{ Origin: 'http://evil.example' }, /does not serve pages of http:\/\/evil\.example.*--allow-origin/],
      [{ Origin: 'https://127.0.0.1.evil.example' }, /does not serve pages/],
      [{ Origin: 'null' }, /does not serve pages of null/],
    ] as const) {
      const answer = await refusalWith(url, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body, JSON.stringify(headers)).toMatch(reason);
    }
    expect((await client.request('GET', '/__mock/phones')).body.phones).toEqual([]);
  });

  it('serves node clients (no Origin), the mock’s own origin and pages on loopback origins (the agent console)', async () => {
    const port = new URL(server.url).port;
    expect(await connectWith({})).toBe(200);
    expect(await connectWith({ Origin: `http://127.0.0.1:${port}` })).toBe(200);
    expect(await connectWith({ Origin: 'http://127.0.0.1:4020' })).toBe(200);
    expect(await connectWith({ Origin: 'http://localhost:4020', Host: `localhost:${port}` })).toBe(200);
    expect(await connectWith({ Origin: 'http://[::1]:5173' })).toBe(200);
  });

  it('serves the names and origins it was given (--allow-host, --allow-origin)', async () => {
    const given = await createMockOmni({
      clock: 'manual',
      logger: { info: () => {}, error: () => {} },
      allowedHosts: ['omni.test'],
      allowedOrigins: ['https://crm.example'],
    });
    const listening = await given.listen({ port: 0 });
    try {
      const url = `${listening.url.replace('http', 'ws')}/ws`;
      expect(await connectWith({ Host: 'omni.test', Origin: 'https://crm.example' }, url)).toBe(200);
      expect((await refusalWith(url, { Origin: 'https://other.example' })).status).toBe(403);
    } finally {
      await Promise.all(phones.splice(0).map((p) => p.close()));
      await listening.close();
      await given.close();
    }
  });
});

/** The status and body of a handshake sent with these headers, which must be refused. */
function refusalWith(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, ['sip'], { headers });
    socket.once('open', () => {
      socket.close();
      reject(new Error(`${url} ${JSON.stringify(headers)}: the handshake was accepted`));
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
