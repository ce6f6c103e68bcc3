import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { fakeAnswerSdp, LiteSipClient } from './support/lite-sip-client.js';
import { type SipTestServer, startSipTestServer } from './support/sip-test-server.js';
import { installWebSocketGlobal, RawAgent } from './support/sipjs-agent.js';

installWebSocketGlobal();

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('registrar with sip.js 0.21 agents over a real WebSocket', () => {
  let server: SipTestServer;
  const agents: RawAgent[] = [];
  const agent = (options: { extension: string; password: string; url?: string; expires?: number }) => {
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
    expect(server.edge.isRegistered('sys-default', '1002')).toBe(false);
    const event = await server.waitFor((e) => e.kind === 'registered');
    expect(event).toMatchObject({ systemId: 'sys-default', extension: '1001' });
    expect(event.binding).toMatchObject({
      userId: 1,
      aor: 'sip:1001@omni.mock',
      userAgent: expect.stringMatching(/SIP\.js/),
    });
    expect(event.binding.expiresAt - server.clock.now).toBe(600_000);
    expect(event.binding.contact).toMatch(/^sip:[a-z0-9]+@[a-z0-9]+\.invalid;transport=ws$/);
    // The first REGISTER is challenged, the answer to the challenge is accepted.
    expect(server.edge.stats().registerResponses).toEqual({ '401': 1, '200': 1 });
  });

  it('refuses a wrong password with 403 and binds nothing', async () => {
    const phone = agent({ extension: '1001', password: 'wrong' });
    await phone.start();
    expect(await phone.register()).toBe(403);
    expect(phone.registered).toBe(false);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(false);
    expect(server.events).toEqual([]);
  });

  it('refuses an extension nobody owns with the same 403 (no probing)', async () => {
    const phone = agent({ extension: '4242', password: 'webrtc1' });
    await phone.start();
    expect(await phone.register()).toBe(403);
    expect(server.edge.bindings()).toEqual([]);
  });

  it('treats a second REGISTER from the same phone as a refresh that moves the expiry', async () => {
    const phone = agent({ extension: '1002', password: 'webrtc2' });
    await phone.start();
    expect(await phone.register()).toBe(200);
    server.clock.now += 400_000;
    expect(await phone.register()).toBe(200);
    expect(server.events.filter((e) => e.kind === 'registered')).toHaveLength(1);
    const binding = server.edge.binding('sys-default', '1002');
    expect(binding?.expiresAt).toBe(server.clock.now + 600_000);
    // sip.js re-sends its last credentials with the same nc: a replay, answered 401 stale=true.
    expect(server.edge.stats().registerResponses).toEqual({ '401': 2, '200': 2 });
  });

  it('un-REGISTERs (expires=0) and with Contact: *', async () => {
    const phone = agent({ extension: '1001', password: 'webrtc1' });
    await phone.start();
    await phone.register();
    expect(await phone.unregister()).toBe(200);
    expect(phone.registered).toBe(false);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(false);
    const first = await server.waitFor((e) => e.kind === 'unregistered');
    expect(first.reason).toBe('unregister');

    expect(await phone.register()).toBe(200);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
    expect(await phone.unregister(true)).toBe(200);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(false);
    expect(server.events.map((e) => `${e.kind}:${e.reason ?? ''}`)).toEqual([
      'registered:',
      'unregistered:unregister',
      'registered:',
      'unregistered:unregister',
    ]);
  });

  it('drops the binding when the socket closes, and the phone registers again on a new socket', async () => {
    const phone = agent({ extension: '1003', password: 'webrtc3' });
    await phone.start();
    await phone.register();
    const connectionId = server.edge.binding('sys-default', '1003')?.connectionId;
    // The network drops the phone's WebSocket.
    const socket = (phone.ua.transport as unknown as { ws: WebSocket }).ws;
    socket.terminate();
    const dropped = await server.waitFor((e) => e.kind === 'unregistered');
    expect(dropped).toMatchObject({ extension: '1003', reason: 'connection-closed' });
    expect(server.edge.isRegistered('sys-default', '1003')).toBe(false);
    expect(server.edge.stats().connections).toBe(0);

    await phone.ua.reconnect();
    expect(await phone.register()).toBe(200);
    const again = server.edge.binding('sys-default', '1003');
    expect(again?.connectionId).toBeDefined();
    expect(again?.connectionId).not.toBe(connectionId);
    expect(server.events.filter((e) => e.kind === 'registered')).toHaveLength(2);
  });

  it('expires an unrefreshed binding on the injected clock', async () => {
    const phone = agent({ extension: '1001', password: 'webrtc1', expires: 60 });
    await phone.start();
    await phone.register();
    server.clock.now += 59_000;
    server.edge.sweep();
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
    server.clock.now += 1_000;
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(false);
    const expired = await server.waitFor((e) => e.kind === 'unregistered');
    expect(expired.reason).toBe('expired');
  });

  it('serves other systems on /ws/<public id> with their own users', async () => {
    const acme = agent({ extension: '1001', password: 'acme1', url: `${server.url}/acme` });
    await acme.start();
    expect(await acme.register()).toBe(200);
    expect(server.edge.isRegistered('sys-acme', '1001')).toBe(true);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(false);
    expect(server.edge.bindings('sys-acme')).toHaveLength(1);
    expect(server.edge.bindings('sys-default')).toHaveLength(0);

    // The default system's password for 1001 is not acme's.
    const wrongSystem = agent({ extension: '1001', password: 'webrtc1', url: `${server.url}/acme` });
    await wrongSystem.start();
    expect(await wrongSystem.register()).toBe(403);
  });
});

describe('registrar protocol details (hand-rolled client)', () => {
  let server: SipTestServer;
  const clients: LiteSipClient[] = [];
  const connect = async (url?: string) => {
    const client = await LiteSipClient.connect(url ?? server.url);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startSipTestServer({ nonceLifetimeMs: 30_000, minExpiresSeconds: 60, maxExpiresSeconds: 1800 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.close();
  });

  it('selects the sip subprotocol and answers the CRLF keep-alive with CRLF', async () => {
    const client = await connect();
    expect(client.socket.protocol).toBe('sip');
    const pong = new Promise<string>((resolve) => client.socket.once('message', (data) => resolve(data.toString())));
    client.send('\r\n\r\n');
    expect(await pong).toBe('\r\n');
  });

  it('challenges with MD5 qop=auth in the configured realm and echoes the Contact with ;expires=', async () => {
    const client = await connect();
    const result = await client.register({ extension: '1001', password: 'webrtc1', expires: 300 });
    expect(result.answers.map((a) => a.status)).toEqual([401, 200]);
    const challenge = result.answers[0]?.header('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Digest realm="omni\.mock", nonce="[A-Za-z0-9_-]+", algorithm=MD5, qop="auth"$/);
    expect(result.final.headers('contact')).toEqual([`<${client.contactUri}>;expires=300`]);
    expect(result.final.header('to')).toMatch(/;tag=/);
    expect(result.final.header('date')).toBe(new Date(server.clock.now).toUTCString());
  });

  it('re-uses a nonce with nc + 1 in one round trip, and calls a replayed nc stale', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1' });
    const refresh = await client.register({ extension: '1001', password: 'webrtc1' });
    expect(refresh.answers.map((a) => a.status)).toEqual([200]);

    // The same credentials again (same nc): a replay.
    const replayed = client.authorization({ extension: '1001', password: 'webrtc1' }) ?? '';
    const first = await client.request(client.registerText({ extension: '1001', password: 'webrtc1' }, replayed));
    expect(first.status).toBe(200);
    const again = await client.request(client.registerText({ extension: '1001', password: 'webrtc1' }, replayed));
    expect(again.status).toBe(401);
    expect(again.header('www-authenticate')).toMatch(/stale=true$/);
  });

  it('answers an expired nonce with 401 stale=true and a fresh nonce', async () => {
    const client = await connect();
    const initial = await client.register({ extension: '1001', password: 'webrtc1' });
    const oldNonce = /nonce="([^"]+)"/.exec(initial.answers[0]?.header('www-authenticate') ?? '')?.[1];
    server.clock.now += 30_000;
    const later = await client.register({ extension: '1001', password: 'webrtc1' });
    expect(later.answers.map((a) => a.status)).toEqual([401, 200]);
    const stale = later.answers[0]?.header('www-authenticate') ?? '';
    expect(stale).toMatch(/stale=true$/);
    expect(/nonce="([^"]+)"/.exec(stale)?.[1]).not.toBe(oldNonce);
  });

  it('does not call a wrong password stale, even on an expired nonce', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1' });
    server.clock.now += 30_000;
    const wrong = await client.register({ extension: '1001', password: 'nope' });
    expect(wrong.answers.map((a) => a.status)).toEqual([403]);
  });

  it('refuses to register another user’s extension with its own credentials', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1' });
    // Valid digest for 1001, but the To (AOR) names 1002.
    const auth = client.authorization({ extension: '1001', password: 'webrtc1' }) ?? '';
    const text = client
      .registerText({ extension: '1002', password: 'webrtc2' }, auth)
      .replace(/^From: <sip:1002@/m, 'From: <sip:1001@');
    const answer = await client.request(text);
    expect(answer.status).toBe(403);
    expect(server.edge.isRegistered('sys-default', '1002')).toBe(false);
  });

  it('answers 423 with Min-Expires to a too-brief expiry and caps a too-long one', async () => {
    const client = await connect();
    const brief = await client.register({ extension: '1001', password: 'webrtc1', expires: 10 });
    expect(brief.status).toBe(423);
    expect(brief.final.header('min-expires')).toBe('60');
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(false);
    const long = await client.register({ extension: '1001', password: 'webrtc1', expires: 7200 });
    expect(long.status).toBe(200);
    expect(long.final.header('contact')).toBe(`<${client.contactUri}>;expires=1800`);
  });

  it('answers a REGISTER without Contact with the current binding (a query)', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1', expires: 600 });
    server.clock.now += 20_000;
    const auth = client.authorization({ extension: '1001', password: 'webrtc1' }) ?? '';
    const query = client
      .registerText({ extension: '1001', password: 'webrtc1' }, auth)
      .replace(/^Contact:.*\r\n/m, '')
      .replace(/^Expires:.*\r\n/m, '');
    const answer = await client.request(query);
    expect(answer.status).toBe(200);
    expect(answer.header('contact')).toBe(`<${client.contactUri}>;expires=580`);
  });

  it('answers malformed credentials with 400 and names the problem', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1' });
    const cases: [string, RegExp][] = [
      ['Basic dXNlcjpwYXNz', /Digest/],
      ['Digest username="1001", realm="omni.mock", uri="sip:omni.mock", response="00"', /nonce is missing/],
      [
        'Digest username="1001", realm="omni.mock", nonce="x", uri="sip:omni.mock", response="00", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="c"',
        /MD5/,
      ],
      ['Digest username="1001", realm="omni.mock", nonce="x", uri="sip:omni.mock", response="00"', /qop=auth/],
      [
        'Digest username="1001", realm="omni.mock", nonce="x", uri="sip:elsewhere", response="00", qop=auth, nc=00000001, cnonce="c"',
        /uri differs/,
      ],
      ['Digest realm="omni.mock", username="1001', /unterminated/],
    ];
    for (const [authorization, reason] of cases) {
      const answer = await client.request(client.registerText({ extension: '1001', password: 'x' }, authorization));
      expect(answer.status, authorization).toBe(400);
      expect(answer.startLine, authorization).toMatch(reason);
    }
    // A foreign realm is simply challenged again.
    const foreign = await client.request(
      client.registerText(
        { extension: '1001', password: 'x' },
        'Digest username="1001", realm="elsewhere", nonce="x", uri="sip:omni.mock", response="00", qop=auth, nc=00000001, cnonce="c"',
      ),
    );
    expect(foreign.status).toBe(401);
  });

  it('accepts a correct digest computed independently (RFC 2617 arithmetic)', async () => {
    const client = await connect();
    const challenged = await client.request(client.registerText({ extension: '1002', password: 'webrtc2' }));
    const nonce = /nonce="([^"]+)"/.exec(challenged.header('www-authenticate') ?? '')?.[1] ?? '';
    const ha1 = md5('1002:omni.mock:webrtc2');
    const ha2 = md5('REGISTER:sip:omni.mock');
    const response = md5(`${ha1}:${nonce}:00000001:abc:auth:${ha2}`);
    const header = `Digest username="1002", realm="omni.mock", nonce="${nonce}", uri="sip:omni.mock", response="${response}", qop=auth, nc=00000001, cnonce="abc"`;
    const answer = await client.request(client.registerText({ extension: '1002', password: 'webrtc2' }, header));
    expect(answer.status).toBe(200);
    expect(server.edge.isRegistered('sys-default', '1002')).toBe(true);
  });

  it('refuses out-of-order CSeq on the same Call-ID', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1' });
    const auth = client.authorization({ extension: '1001', password: 'webrtc1' }) ?? '';
    const text = client
      .registerText({ extension: '1001', password: 'webrtc1' }, auth)
      .replace(/^CSeq: \d+/m, 'CSeq: 1');
    const answer = await client.request(text);
    expect(answer.status).toBe(400);
    expect(answer.startLine).toMatch(/CSeq/);
  });

  it('lets the newest phone of an extension take the binding; the old socket closing changes nothing', async () => {
    const first = await connect();
    const second = await connect();
    await first.register({ extension: '1001', password: 'webrtc1' });
    await second.register({ extension: '1001', password: 'webrtc1' });
    expect(server.edge.binding('sys-default', '1001')?.contact).toBe(second.contactUri);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
    expect(server.events.map((e) => e.kind)).toEqual(['registered', 'registered']);
  });

  it('drops a connection on demand (chaos) with its bindings', async () => {
    const client = await connect();
    await client.register({ extension: '1002', password: 'webrtc2' });
    const connectionId = server.edge.binding('sys-default', '1002')?.connectionId ?? '';
    expect(server.edge.disconnect(connectionId)).toBe(true);
    const event = await server.waitFor((e) => e.kind === 'unregistered');
    expect(event.reason).toBe('connection-closed');
    expect(server.edge.disconnect(connectionId)).toBe(false);
  });

  it('refuses Contact: * beside another Contact with 400 and keeps the binding (RFC 3261 §10.3 step 6)', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1' });
    const answer = await client.register({
      extension: '1001',
      password: 'webrtc1',
      expires: 0,
      contact: `*, <${client.contactUri}>`,
    });
    expect(answer.status).toBe(400);
    expect(answer.final.startLine).toMatch(/Contact: \* must be the only Contact/);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
    const alone = await client.register({ extension: '1001', password: 'webrtc1', expires: 600, contact: '*' });
    expect(alone.status).toBe(400);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
  });

  it('caps an expiry of any length instead of refusing it (delta-seconds is 1*DIGIT)', async () => {
    const client = await connect();
    const header = await client.register({ extension: '1001', password: 'webrtc1', expires: 99_999_999_999 });
    expect(header.status).toBe(200);
    expect(header.final.header('contact')).toBe(`<${client.contactUri}>;expires=1800`);
    const param = await client.register({
      extension: '1001',
      password: 'webrtc1',
      contact: `<${client.contactUri}>;expires=18446744073709551616`,
    });
    expect(param.status).toBe(200);
    expect(param.final.header('contact')).toBe(`<${client.contactUri}>;expires=1800`);
  });

  it('reads the credentials for its own realm among several Authorization headers (§22.3)', async () => {
    const client = await connect();
    await client.register({ extension: '1001', password: 'webrtc1' });
    const ours = client.authorization({ extension: '1001', password: 'webrtc1' }) ?? '';
    const proxy =
      'Digest username="alice", realm="proxy.example.com", nonce="n", uri="sip:omni.mock", response="00", qop=auth, nc=00000001, cnonce="c"';
    // Only another realm's credentials: challenged.
    expect((await client.request(client.registerText({ extension: '1001', password: 'webrtc1' }, proxy))).status).toBe(
      401,
    );
    const answer = await client.request(
      client.registerText({ extension: '1001', password: 'webrtc1', extraHeaders: [`Authorization: ${ours}`] }, proxy),
    );
    expect(answer.status).toBe(200);
  });

  it('answers a REGISTER whose CSeq names another method with 400, echoing its CSeq', async () => {
    const client = await connect();
    const text = client
      .registerText({ extension: '1001', password: 'webrtc1' })
      .replace(/^CSeq: (\d+) REGISTER$/m, 'CSeq: $1 INVITE');
    const answer = await client.request(text);
    expect(answer.status).toBe(400);
    expect(answer.header('cseq')).toMatch(/^\d+ INVITE$/);
  });

  it('answers a REGISTER requiring an extension with 420 and Unsupported (§8.2.2.3)', async () => {
    const client = await connect();
    const answer = await client.request(
      client.registerText({ extension: '1001', password: 'webrtc1', extraHeaders: ['Require: path, no-such-thing'] }),
    );
    expect(answer.status).toBe(420);
    expect(answer.header('unsupported')).toBe('path, no-such-thing');
  });

  it('ignores CRLFs before a REGISTER’s start line (§7.5)', async () => {
    const client = await connect();
    const answer = await client.request(`\r\n${client.registerText({ extension: '1001', password: 'webrtc1' })}`);
    expect(answer.status).toBe(401);
    expect(server.edge.stats().droppedFrames).toBe(0);
  });

  it('ignores unparsable frames and keeps the connection', async () => {
    const client = await connect();
    client.send('HELLO WORLD\r\n\r\n');
    const result = await client.register({ extension: '1001', password: 'webrtc1' });
    expect(result.status).toBe(200);
    expect(server.edge.stats().droppedFrames).toBe(1);
  });
});

describe('WebSocket handshake', () => {
  let server: SipTestServer;
  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const handshake = (url: string, protocols: string[]) =>
    new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(url, protocols);
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('error', reject);
    });

  it('refuses a client that does not offer the sip subprotocol', async () => {
    expect(await handshake(server.url, [])).toBe(400);
    expect(await handshake(server.url, ['chat'])).toBe(400);
    expect(await handshake(server.url, ['chat', 'sip'])).toBe(101);
  });

  it('refuses an unknown system and a malformed reference with 404', async () => {
    expect(await handshake(`${server.url}/nope`, ['sip'])).toBe(404);
    expect(await handshake(`${server.url}/a%2Fb`, ['sip'])).toBe(404);
    expect(await handshake(`${server.url}/acme`, ['sip'])).toBe(101);
  });

  it('leaves other upgrade paths to other listeners', async () => {
    let seen = '';
    server.server.on('upgrade', (request, socket) => {
      if (request.url !== '/other') return;
      seen = request.url;
      socket.end('HTTP/1.1 418 Teapot\r\nContent-Length: 0\r\n\r\n');
    });
    expect(await handshake(`ws://127.0.0.1:${server.port}/other`, ['sip'])).toBe(418);
    expect(seen).toBe('/other');
  });

  it('refuses an unknown path with 404 when it is the only upgrade listener', async () => {
    expect(await handshake(`ws://127.0.0.1:${server.port}/elsewhere`, ['sip'])).toBe(404);
  });
});

describe('dead peers', () => {
  it('terminates a connection that stops answering WebSocket pings, dropping its binding', async () => {
    const server = await startSipTestServer({ pingIntervalMs: 100 });
    try {
      const answering = await LiteSipClient.connect(server.url);
      // A peer whose network vanished: pings go unanswered.
      const silent = await LiteSipClient.connect(server.url, ['sip'], { autoPong: false });
      await answering.register({ extension: '1001', password: 'webrtc1' });
      await silent.register({ extension: '1002', password: 'webrtc2' });
      const event = await server.waitFor((e) => e.kind === 'unregistered', 2_000);
      expect(event).toMatchObject({ extension: '1002', reason: 'connection-closed' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
      await answering.close();
    } finally {
      await server.close();
    }
  });
});

describe('requests a phone sends besides REGISTER', () => {
  let server: SipTestServer;
  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const request = (client: LiteSipClient, method: string, cseq: number, extra: string[] = [], body = '') =>
    [
      `${method} sip:omni@omni.mock SIP/2.0`,
      `Via: SIP/2.0/WS ${client.viaHost};branch=z9hG4bK${method}${cseq}`,
      'Max-Forwards: 70',
      'To: <sip:omni@omni.mock>',
      `From: <sip:1001@omni.mock>;tag=f${cseq}`,
      `Call-ID: phone-${method}-${cseq}`,
      `CSeq: ${cseq} ${method}`,
      `Contact: <${client.contactUri}>`,
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');

  it('answers OPTIONS, and refuses calls placed from the phone (agents do not dial from it)', async () => {
    const client = await LiteSipClient.connect(server.url);
    try {
      const options = await client.request(request(client, 'OPTIONS', 1));
      expect(options.status).toBe(200);
      const invite = await client.request(
        request(client, 'INVITE', 2, ['Content-Type: application/sdp'], fakeAnswerSdp(1)),
      );
      expect(invite.status).toBe(486);
      // The connection still registers afterwards.
      expect((await client.register({ extension: '1001', password: 'webrtc1' })).status).toBe(200);
      expect(server.edge.stats().droppedFrames).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('refuses a call from the phone whose offer is not WebRTC with 488 Not Acceptable Here', async () => {
    const client = await LiteSipClient.connect(server.url);
    try {
      const plain = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';
      const webrtc = fakeAnswerSdp(1);
      const cases: [string, string, RegExp][] = [
        ['plain RTP', plain, /RTP\/AVP \(plain RTP\), not UDP\/TLS\/RTP\/SAVPF/],
        ['no fingerprint', webrtc.replace(/^a=fingerprint:.*\r\n/m, ''), /no a=fingerprint/],
        ['no ICE credentials', webrtc.replace(/^a=ice-(ufrag|pwd):.*\r\n/gm, ''), /no a=ice-ufrag, a=ice-pwd/],
      ];
      let cseq = 10;
      for (const [what, sdp, warning] of cases) {
        cseq += 1;
        const text = request(client, 'INVITE', cseq, ['Content-Type: application/sdp'], sdp);
        const answer = await client.request(text);
        expect(answer.status, what).toBe(488);
        expect(answer.startLine, what).toBe('SIP/2.0 488 Not Acceptable Here');
        expect(answer.header('warning'), what).toMatch(warning);
        client.send(text.replace(/^INVITE /, 'ACK ').replace(/^CSeq: (\d+) INVITE$/m, 'CSeq: $1 ACK'));
      }
      expect((await client.register({ extension: '1001', password: 'webrtc1' })).status).toBe(200);
      expect(server.edge.stats().droppedFrames).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('answers a Request-URI that is no SIP URI with 416, logging no error (§8.2.2.1)', async () => {
    const errors: string[] = [];
    await server.close();
    server = await startSipTestServer({
      log: (level, message) => {
        if (level === 'error') errors.push(message);
      },
    });
    const client = await LiteSipClient.connect(server.url);
    try {
      for (const [method, uri] of [
        ['OPTIONS', 'tel:+441234567'],
        ['INVITE', 'tel:+441234567'],
        ['MESSAGE', 'urn:service:sos'],
        ['BYE', 'mailto:a@b.c'],
      ] as const) {
        const text = request(client, method, 1).replace('sip:omni@omni.mock SIP/2.0', `${uri} SIP/2.0`);
        const answer = await client.request(text.replace(/^Call-ID: .*$/m, `Call-ID: ruri-${method}`));
        expect(answer.status, `${method} ${uri}`).toBe(416);
      }
      expect(errors).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('answers a CSeq naming another method with 400 echoing the CSeq, and an unknown Require with 420', async () => {
    const client = await LiteSipClient.connect(server.url);
    try {
      const mismatch = await client.request(request(client, 'OPTIONS', 7).replace('CSeq: 7 OPTIONS', 'CSeq: 7 INVITE'));
      expect(mismatch.status).toBe(400);
      expect(mismatch.header('cseq')).toBe('7 INVITE');
      const unknown = await client.request(request(client, 'OPTIONS', 8, ['Require: no-such-extension, outbound']));
      expect(unknown.status).toBe(420);
      expect(unknown.header('unsupported')).toBe('no-such-extension');
      // An option tag the user agent supports passes.
      expect((await client.request(request(client, 'OPTIONS', 9, ['Require: outbound']))).status).toBe(200);
      // CANCEL is not checked (§8.2.2.3): it gets sip.js's own answer, not 420.
      expect((await client.request(request(client, 'CANCEL', 10, ['Require: no-such-extension']))).status).toBe(481);
    } finally {
      await client.close();
    }
  });

  it('drops a request missing mandatory headers without answering or closing', async () => {
    const client = await LiteSipClient.connect(server.url);
    try {
      client.send(
        'OPTIONS sip:omni@omni.mock SIP/2.0\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n',
      );
      expect((await client.register({ extension: '1001', password: 'webrtc1' })).status).toBe(200);
      expect(server.edge.stats().droppedFrames).toBe(1);
    } finally {
      await client.close();
    }
  });
});
