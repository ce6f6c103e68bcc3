/**
 * End to end: sip.js 0.21 phones over real WebSockets and the Omni API over real HTTP against one listening
 * mock. Campaign login with a SIP phone completes only once the phone has answered its bridge INVITE; a phone that
 * does not answer (or refuses) leaves the agent logged out with nothing stored; the bridged session carries
 * hold/retrieve as re-INVITEs, and the phone going away (BYE, a dropped socket) logs the agent out.
 *
 * @module
 */

import { type Core, type Invitation, SessionState } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../../src/index.js';
import { type Answer, OmniTestClient, type RequestOptions } from '../support/omni-client.js';
import { label, recorded, TestAgent } from '../support/telephony.js';
import { until } from '../support/until.js';
import { createPlainSdpMediaFactory } from './support/plain-sdp-media.js';
import { installWebSocketGlobal, RawAgent } from './support/sipjs-agent.js';

installWebSocketGlobal();

/** The test client, but over real HTTP to the listening server instead of `mock.fetch`. */
class HttpOmniClient extends OmniTestClient {
  constructor(
    mock: MockOmni,
    readonly baseUrl: string,
    key: string = mock.defaultSystemKey,
  ) {
    super(mock, key);
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
  override async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const key = opts.key === undefined ? this.key : opts.key;
    if (key !== null) headers.Authorization = `Key=${key}`;
    if (opts.token) headers.tokenKey = opts.token;
    const body = opts.body === undefined ? opts.raw : JSON.stringify(opts.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}

const ANSWER_TIMEOUT_MS = 400;
let mock: MockOmni;
let server: Listening;
let client: HttpOmniClient;
const agents: RawAgent[] = [];
/** What the mock logged as errors in this test. */
let loggedErrors: string[] = [];

beforeEach(async () => {
  loggedErrors = [];
  mock = await createMockOmni({
    clock: 'manual',
    logger: { info: () => {}, error: (message: string) => loggedErrors.push(message) },
    sip: { answerTimeoutMs: ANSWER_TIMEOUT_MS },
  });
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
  client = new HttpOmniClient(mock, server.url);
});
afterEach(async () => {
  for (const a of agents.splice(0)) await a.stop();
  await server.close();
  await mock.close();
});

async function sipPhone(extension = '1001', password = 'webrtc1', autoAnswer = true): Promise<RawAgent> {
  const a = new RawAgent({ url: `${server.url.replace('http', 'ws')}/ws`, extension, password, autoAnswer });
  agents.push(a);
  await a.start();
  return a;
}

/** Records the re-INVITEs a phone receives and the direction each one offered. */
function watchReinvites(invitation: Invitation): string[] {
  const directions: string[] = [];
  invitation.delegate = {
    onInvite: (request: Core.IncomingRequestMessage) => {
      directions.push(/^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(request.body)?.[1] ?? 'none');
    },
  };
  return directions;
}

async function agent1(): Promise<TestAgent> {
  return new TestAgent(client, 1, await client.login('agent1'), '1001');
}

describe('SIP login over real HTTP and WebSockets (sip.js 0.21)', () => {
  it('registers with the right password only; GET user shows the registration', async () => {
    const a = await agent1();
    const wrong = await sipPhone('1001', 'not-the-password');
    expect(await wrong.register()).toBe(403);
    expect((await a.view()).registered).toBe(false);
    expect((await a.login()).status).toBe(409);
    const right = await sipPhone();
    expect(await right.register()).toBe(200);
    expect((await a.view()).registered).toBe(true);
  });

  it('login answers only after the phone has answered its bridge INVITE', async () => {
    const a = await agent1();
    const phone = await sipPhone('1001', 'webrtc1', false);
    expect(await phone.register()).toBe(200);
    const order: string[] = [];
    const login = a.login().then((res) => {
      order.push('http');
      return res;
    });
    const invitation = await phone.nextInvitation();
    expect(invitation.request.to.uri.toString()).toBe('sip:1001@omni.mock');
    // Ringing: no answer yet, and the agent is not logged in.
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual([]);
    expect((await a.view()).agent_state).toBe('logged_out');
    await invitation.accept();
    order.push('200 OK');
    const res = await login;
    expect(res.status).toBe(200);
    expect(res.body.detail).toContain('logged in to campaign 1');
    expect(order).toEqual(['200 OK', 'http']);
    expect((await a.view()).agent_state).toBe('paused');
    const states = (await recorded(client, { type: 'agent_state' })).map((d) => label(d.notification));
    expect(states).toEqual(['agent_state:paused']);
  });

  it('a phone that does not answer: 409 after the configured time, the INVITE cancelled, nothing stored', async () => {
    const a = await agent1();
    const phone = await sipPhone('1001', 'webrtc1', false);
    expect(await phone.register()).toBe(200);
    const started = Date.now();
    const login = a.login();
    const invitation = await phone.nextInvitation();
    const res = await login;
    const elapsed = Date.now() - started;
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe('INVALID_STATE');
    expect(res.body.detail).toContain(`did not answer its bridge call within ${ANSWER_TIMEOUT_MS} ms`);
    expect(elapsed).toBeGreaterThanOrEqual(ANSWER_TIMEOUT_MS - 10);
    await until('the CANCEL', () => invitation.state === SessionState.Terminated);
    expect((await a.view()).agent_state).toBe('logged_out');
    expect(await recorded(client, { type: 'agent_state' })).toEqual([]);
    // Still registered: a later login whose phone answers works.
    phone.options.autoAnswer = true;
    expect((await a.login()).status).toBe(200);
  });

  it('a phone that refuses its bridge call: 409 with the SIP code, agent logged out', async () => {
    const a = await agent1();
    const phone = await sipPhone('1001', 'webrtc1', false);
    expect(await phone.register()).toBe(200);
    const login = a.login();
    const invitation = await phone.nextInvitation();
    await invitation.reject({ statusCode: 486 });
    const res = await login;
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe('INVALID_STATE');
    expect(res.body.detail).toContain('refused its bridge call with SIP code 486');
    expect((await a.view()).agent_state).toBe('logged_out');
  });

  it('a phone that redirects its bridge call: 409 naming the redirect, agent logged out', async () => {
    const a = await agent1();
    const phone = await sipPhone('1001', 'webrtc1', false);
    expect(await phone.register()).toBe(200);
    const login = a.login();
    const invitation = await phone.nextInvitation();
    await invitation.reject({ statusCode: 302, extraHeaders: ['Contact: <sip:1009@omni.mock>'] });
    const res = await login;
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('redirected its bridge call with SIP code 302, which the mock does not follow');
    expect((await a.view()).agent_state).toBe('logged_out');
  });

  it('a phone that answers without an audio description: 409 saying so, not a lost connection', async () => {
    const a = await agent1();
    // Answers 200 with a video-only description, which the mock's side cannot use.
    const plain = createPlainSdpMediaFactory();
    const phone = new RawAgent({
      url: `${server.url.replace('http', 'ws')}/ws`,
      extension: '1001',
      password: 'webrtc1',
      mediaFactory: (session, options) => {
        const handler = plain(session, options);
        handler.getDescription = async () => ({
          body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=video 9 RTP/AVP 96\r\n',
          contentType: 'application/sdp',
        });
        return handler;
      },
    });
    agents.push(phone);
    await phone.start();
    expect(await phone.register()).toBe(200);
    const res = await a.login();
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('answered its bridge call without a usable audio description');
    expect(res.body.detail).not.toContain('lost its connection');
    expect((await a.view()).agent_state).toBe('logged_out');
    expect((await a.view()).registered).toBe(true);
  });

  it('a phone that answers with plain RTP, not WebRTC: 409 saying so, the call hung up with Reason 488, logged', async () => {
    const a = await agent1();
    const phone = new RawAgent({
      url: `${server.url.replace('http', 'ws')}/ws`,
      extension: '1001',
      password: 'webrtc1',
      mediaFactory: createPlainSdpMediaFactory(),
    });
    agents.push(phone);
    await phone.start();
    expect(await phone.register()).toBe(200);
    const incoming = phone.nextInvitation();
    const login = a.login();
    const invitation = await incoming;
    const reason = new Promise<string | undefined>((resolve) => {
      invitation.delegate = {
        onBye: (bye) => {
          resolve(bye.request.getHeader('reason'));
          bye.accept().catch(() => undefined);
        },
      };
    });
    const res = await login;
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe('INVALID_STATE');
    expect(res.body.detail).toBe(
      'the phone of extension 1001 answered its bridge call with an SDP a WebRTC extension does not accept ' +
        '(its audio stream is RTP/AVP (plain RTP), not UDP/TLS/RTP/SAVPF (DTLS-SRTP)): the mock hung up (488) and ' +
        'the agent stays logged out',
    );
    expect(await reason).toMatch(/^SIP;cause=488;/);
    expect((await a.view()).agent_state).toBe('logged_out');
    expect((await a.view()).registered).toBe(true);
    expect(
      loggedErrors.some((line) => /refused the phone's SDP \(488 Not Acceptable Here\): .*RTP\/AVP/.test(line)),
    ).toBe(true);
  });

  it('a phone whose socket drops while ringing: 409, the agent stays logged out', async () => {
    const a = await agent1();
    const phone = await sipPhone('1001', 'webrtc1', false);
    expect(await phone.register()).toBe(200);
    const login = a.login();
    await phone.nextInvitation();
    await phone.ua.transport.disconnect();
    const res = await login;
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe('INVALID_STATE');
    expect(res.body.detail).toContain('lost its connection before answering its bridge call');
    expect((await a.view()).agent_state).toBe('logged_out');
    expect((await a.view()).registered).toBe(false);
    expect(await recorded(client, { type: 'agent_state' })).toEqual([]);
  });

  it('login with another user’s registered extension: 409 EXTENSION_NOT_REGISTERED, no INVITE', async () => {
    const a = await agent1();
    const phone = await sipPhone('1002', 'webrtc2', false);
    expect(await phone.register()).toBe(200);
    const res = await a.post('/omni/users/1/login', { campaign_id: 1, extension: '1002' });
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe('EXTENSION_NOT_REGISTERED');
    expect(phone.invitations).toHaveLength(0);
  });

  it('a second login while the phone rings is refused with 409 INVALID_STATE', async () => {
    const a = await agent1();
    const phone = await sipPhone('1001', 'webrtc1', false);
    expect(await phone.register()).toBe(200);
    const first = a.login();
    const invitation = await phone.nextInvitation();
    const second = await a.login();
    expect(second.status).toBe(409);
    expect(second.body.error_code).toBe('INVALID_STATE');
    expect(second.body.detail).toContain('already logging in');
    expect(phone.invitations).toHaveLength(1);
    await invitation.accept();
    expect((await first).status).toBe(200);
    expect((await a.view()).agent_state).toBe('paused');
  });

  it('bridges a customer call; hold/retrieve re-INVITE the phone; its hang-up ends the call and logs the agent out', async () => {
    const a = await agent1();
    const phone = await sipPhone();
    expect(await phone.register()).toBe(200);
    expect((await a.login()).status).toBe(200);
    const invitation = phone.invitations[0] as Invitation;
    await until('the bridge up', () => invitation.state === SessionState.Established);
    const directions = watchReinvites(invitation);

    const dial = await a.dial('0800555008');
    expect(dial.status).toBe(200);
    const callId = dial.body.call_id as number;
    await client.advance(5_000);
    expect((await a.call(callId)).call_state).toBe('answered');
    expect((await a.command(callId, 'hold')).status).toBe(200);
    await until('the hold re-INVITE', () => directions.length === 1);
    expect(directions).toEqual(['sendonly']);
    await client.advance(2_000);
    expect((await a.command(callId, 'retrieve')).status).toBe(200);
    await until('the retrieve re-INVITE', () => directions.length === 2);
    expect(directions).toEqual(['sendonly', 'sendrecv']);
    await client.advance(3_000);

    await invitation.bye();
    await until('the call ended', async () => (await a.call(callId)).call_state === 'ended');
    expect((await a.view()).agent_state).toBe('wrap_up');
    expect((await a.command(callId, 'dispose', { disposition_code: 'NI' })).status).toBe(200);
    const view = await a.view();
    expect(view.agent_state).toBe('logged_out');

    const seq = (await recorded(client)).map((d) => label(d.notification));
    expect(seq.slice(-3)).toEqual(['agent_state:wrap_up', 'agent_state:logged_out', 'cdr']);
    const last = (await recorded(client, { type: 'agent_state' })).at(-1)?.notification;
    expect(last).toMatchObject({ payload: { agent_state: 'logged_out', reason: 'phone_dropped' } });
    const cdr = (await recorded(client, { type: 'cdr' })).at(-1)?.notification;
    expect(cdr?.type).toBe('cdr');
    if (cdr?.type !== 'cdr') return;
    expect(cdr.payload).toMatchObject({
      call_id: callId,
      phone_number: '0800555008',
      user_id: 1,
      campaign_id: 1,
      call_direction: 'outbound',
      dispostion_code: 'NI',
    });
    expect(cdr.payload.hold_time).toBe(2_000);
    expect(cdr.payload.talk_time).toBeGreaterThan(cdr.payload.hold_time);
    expect(Date.parse(cdr.payload.end_date_time)).toBeGreaterThan(Date.parse(cdr.payload.start_date_time));
  });

  it('a dropped socket removes the binding and logs the agent out (phone_dropped); the phone registers again', async () => {
    const a = await agent1();
    const phone = await sipPhone();
    expect(await phone.register()).toBe(200);
    expect((await a.login()).status).toBe(200);
    await phone.ua.transport.disconnect();
    await until('the logout', async () => (await a.view()).agent_state === 'logged_out');
    expect((await a.view()).registered).toBe(false);
    const last = (await recorded(client, { type: 'agent_state' })).at(-1)?.notification;
    expect(last).toMatchObject({ payload: { agent_state: 'logged_out', reason: 'phone_dropped' } });

    await phone.ua.transport.connect();
    expect(await phone.register()).toBe(200);
    expect((await a.view()).registered).toBe(true);
    expect((await a.login()).status).toBe(200);
    expect((await a.view()).agent_state).toBe('paused');
  });

  it('virtual phones still answer at once beside SIP ones', async () => {
    const token = await client.login('agent2');
    const b = new TestAgent(client, 2, token, '1002');
    expect((await client.request('POST', '/__mock/phones/1002/register')).status).toBe(200);
    expect((await b.login()).status).toBe(200);
    expect((await b.view()).agent_state).toBe('paused');
  });
});
