import { sdpDirection } from '@omnikit/contracts/sdp';
import { type Core, type Invitation, type SessionDescriptionHandlerFactory, SessionState } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { SipBridgeError } from '../../src/sip/sip-bridge-error.js';
import { createSipPhoneGateway, type PhoneHangupEvent } from '../../src/sip/sip-phone-gateway.js';
import { createPlainSdpMediaFactory } from './support/plain-sdp-media.js';
import { type SipTestServer, startSipTestServer } from './support/sip-test-server.js';
import { installWebSocketGlobal, RawAgent } from './support/sipjs-agent.js';

installWebSocketGlobal();

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

function waitForState(invitation: Invitation, state: SessionState): Promise<void> {
  if (invitation.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (next: SessionState) => {
      if (next !== state) return;
      invitation.stateChange.removeListener(listener);
      resolve();
    };
    invitation.stateChange.addListener(listener);
  });
}

async function rejection(promise: Promise<unknown>): Promise<SipBridgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SipBridgeError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('bridge leg to a registered sip.js 0.21 phone', () => {
  let server: SipTestServer;
  const agents: RawAgent[] = [];
  const registeredAgent = async (options: {
    extension?: string;
    password?: string;
    url?: string;
    autoAnswer?: boolean;
    mediaFactory?: SessionDescriptionHandlerFactory;
  }) => {
    const phone = new RawAgent({
      url: options.url ?? server.url,
      extension: options.extension ?? '1001',
      password: options.password ?? 'webrtc1',
      autoAnswer: options.autoAnswer ?? true,
      ...(options.mediaFactory ? { mediaFactory: options.mediaFactory } : {}),
    });
    agents.push(phone);
    await phone.start();
    expect(await phone.register()).toBe(200);
    return phone;
  };

  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    await server.close();
  });

  it('sends the INVITE to the registered Contact with the AOR in To, and resolves once answered', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    const binding = server.edge.binding('sys-default', '1001');
    expect(invitation.request.ruri?.toString()).toBe(binding?.contact);
    expect(invitation.request.to.uri.toString()).toBe('sip:1001@omni.mock');
    expect(invitation.request.getHeader('content-type')).toBe('application/sdp');
    // The mock's default media offers in WebRTC's shape (a browser's phone accepts it), with no candidates.
    expect(invitation.body).toMatch(/^m=audio 9 UDP\/TLS\/RTP\/SAVPF /m);
    expect(invitation.body).toMatch(/^a=setup:actpass\r?$/m);
    expect(invitation.body).toMatch(/^a=sendrecv\r?$/m);
    await waitForState(invitation, SessionState.Established);
    expect(leg.state).toBe('up');
    expect(leg.sipCallId).toBe(invitation.request.callId);
    expect(server.edge.stats()).toMatchObject({ legs: 1, userAgents: 1 });
  });

  it('holds and unholds by re-INVITE, which the phone sees as sendonly then sendrecv', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const directions = watchReinvites(await incoming);
    await leg.hold();
    expect(leg.state).toBe('held');
    expect(directions).toEqual(['sendonly']);
    await leg.hold();
    expect(directions).toEqual(['sendonly']);
    await leg.unhold();
    expect(leg.state).toBe('up');
    expect(directions).toEqual(['sendonly', 'sendrecv']);
  });

  it('runs overlapping hold/unhold requests one after the other', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const directions = watchReinvites(await incoming);
    await Promise.all([leg.hold(), leg.unhold(), leg.hold()]);
    expect(directions).toEqual(['sendonly', 'sendrecv', 'sendonly']);
    expect(leg.state).toBe('held');
  });

  it('reports the phone hanging up (BYE from the phone)', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const ended = new Promise((resolve) => leg.onEnded(resolve));
    const invitation = await incoming;
    await invitation.bye();
    expect(await ended).toBe('phone-hangup');
    expect(leg.state).toBe('ended');
    expect(server.edge.stats().legs).toBe(0);
    const error = await rejection(leg.hold());
    expect(error.code).toBe('ENDED');
  });

  it('hangs up from the mock’s side (BYE to the phone)', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    await waitForState(invitation, SessionState.Established);
    await leg.hangup();
    await waitForState(invitation, SessionState.Terminated);
    expect(leg.endReason).toBe('server-hangup');
  });

  it('rejects with NO_ANSWER after the wall-clock answer timeout and cancels the INVITE', async () => {
    const phone = await registeredAgent({ autoAnswer: false });
    const incoming = phone.nextInvitation();
    const started = Date.now();
    const error = await rejection(server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 300 }));
    expect(error.code).toBe('NO_ANSWER');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const invitation = await incoming;
    await waitForState(invitation, SessionState.Terminated);
    expect(server.edge.stats().legs).toBe(0);
  });

  it('rejects with REJECTED and the status when the phone declines', async () => {
    const phone = await registeredAgent({ autoAnswer: false });
    const incoming = phone.nextInvitation();
    const bridged = server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    await (await incoming).reject({ statusCode: 603 });
    const error = await rejection(bridged);
    expect(error).toMatchObject({ code: 'REJECTED', statusCode: 603 });
  });

  it('hangs up a bridge call the phone answers with plain RTP (ACK, then BYE with Reason 488): NOT_WEBRTC', async () => {
    const phone = await registeredAgent({ mediaFactory: createPlainSdpMediaFactory() });
    const incoming = phone.nextInvitation();
    const bridged = server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    const bye = new Promise<Core.IncomingRequestMessage>((resolve) => {
      invitation.delegate = {
        onBye: (request) => {
          resolve(request.request);
          request.accept().catch(() => undefined);
        },
      };
    });
    const error = await rejection(bridged);
    expect(error.code).toBe('NOT_WEBRTC');
    expect(error.sdpProblem).toBe('its audio stream is RTP/AVP (plain RTP), not UDP/TLS/RTP/SAVPF (DTLS-SRTP)');
    expect(error.message).toContain('answered the bridge call with an SDP a WebRTC extension does not accept');
    expect((await bye).getHeader('reason')).toMatch(/^SIP;cause=488;/);
    await waitForState(invitation, SessionState.Terminated);
    expect(server.edge.stats().legs).toBe(0);
  });

  it('answers a re-INVITE from the phone that is not WebRTC with 488 and keeps the call as it was', async () => {
    let plain = false;
    const phone = await registeredAgent({ mediaFactory: createPlainSdpMediaFactory(() => plain) });
    const incoming = phone.nextInvitation();
    const bridged = server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    // The phone may offer only once the mock's ACK to its last 200 has arrived (sip.js refuses or hangs up otherwise).
    let acks = 0;
    const directions: string[] = [];
    invitation.delegate = {
      onAck: () => {
        acks += 1;
      },
      onInvite: (request: Core.IncomingRequestMessage) => {
        directions.push(sdpDirection(request.body));
      },
    };
    const acked = async (count: number) => {
      while (acks < count) await new Promise((resolve) => setTimeout(resolve, 2));
    };
    const leg = await bridged;
    await acked(1);
    const reinvite = () =>
      new Promise<Core.IncomingResponse>((resolve, reject) => {
        invitation
          .invite({
            sessionDescriptionHandlerOptions: { hold: true } as never,
            requestDelegate: { onAccept: resolve, onReject: resolve },
          })
          .catch(reject);
      });

    // The phone's own hold, offered with plain RTP: refused, the call goes on.
    plain = true;
    const refused = await reinvite();
    expect([refused.message.statusCode, refused.message.reasonPhrase]).toEqual([488, 'Not Acceptable Here']);
    expect(invitation.state).toBe(SessionState.Established);
    expect(leg.state).toBe('up');
    expect(server.edge.stats().legs).toBe(1);

    // The mock still holds and retrieves; the same hold offered in WebRTC's shape is taken (the mock answers recvonly).
    plain = false;
    await leg.hold();
    await leg.unhold();
    expect(directions).toEqual(['sendonly', 'sendrecv']);
    expect(leg.state).toBe('up');
    await acked(3);
    const taken = await reinvite();
    expect(taken.message.statusCode).toBe(200);
    expect(sdpDirection(taken.message.body)).toBe('recvonly');
  });

  it('ends the leg when the phone answers a hold re-INVITE with plain RTP (ACK, then BYE)', async () => {
    let plain = false;
    const phone = await registeredAgent({ mediaFactory: createPlainSdpMediaFactory(() => plain) });
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    await waitForState(invitation, SessionState.Established);
    plain = true;
    const error = await rejection(leg.hold());
    expect(error.code).toBe('ENDED');
    expect(leg.endReason).toBe('session-error');
    await waitForState(invitation, SessionState.Terminated);
  });

  it('rejects with NOT_REGISTERED for an extension without a binding', async () => {
    const error = await rejection(server.edge.bridge('sys-default', '1002', { answerTimeoutMs: 500 }));
    expect(error.code).toBe('NOT_REGISTERED');
  });

  it('ends the leg when the phone’s socket drops, and the binding with it', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    await incoming;
    const ended = new Promise((resolve) => leg.onEnded(resolve));
    (phone.ua.transport as unknown as { ws: WebSocket }).ws.terminate();
    expect(await ended).toBe('connection-lost');
    const event = await server.waitFor((e) => e.kind === 'unregistered');
    expect(event.reason).toBe('connection-closed');
  });

  it('rejects with CONNECTION_LOST when the socket drops while ringing', async () => {
    const phone = await registeredAgent({ autoAnswer: false });
    const incoming = phone.nextInvitation();
    const bridged = server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 5_000 });
    await incoming;
    (phone.ua.transport as unknown as { ws: WebSocket }).ws.terminate();
    const error = await rejection(bridged);
    expect(error.code).toBe('CONNECTION_LOST');
  });

  it('reaches only the phone of the named system when extensions repeat', async () => {
    const home = await registeredAgent({});
    const acme = await registeredAgent({ url: `${server.url}/acme`, password: 'acme1' });
    const acmeIncoming = acme.nextInvitation();
    const leg = await server.edge.bridge('sys-acme', '1001', { answerTimeoutMs: 2_000 });
    await acmeIncoming;
    expect(leg.target.userId).toBe(11);
    expect(home.invitations).toHaveLength(0);
    expect(acme.invitations).toHaveLength(1);
  });

  it('ends legs and refuses new bridges once the edge is closed', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    await incoming;
    await server.edge.close();
    expect(leg.endReason).toBe('connection-lost');
    const error = await rejection(server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 100 }));
    expect(error.code).toBe('CLOSED');
  });
});

describe('the SipPhoneGateway', () => {
  let server: SipTestServer;
  const agents: RawAgent[] = [];

  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    await server.close();
  });

  it('places, holds, retrieves and hangs up a bridge call, reporting only the phone’s hang-ups', async () => {
    const gateway = createSipPhoneGateway(server.edge);
    const hangups: PhoneHangupEvent[] = [];
    gateway.onPhoneHangup((event) => hangups.push(event));
    expect(gateway.isRegistered('sys-default', '1002')).toBe(false);
    const phone = new RawAgent({ url: server.url, extension: '1002', password: 'webrtc2' });
    agents.push(phone);
    await phone.start();
    await phone.register();
    expect(gateway.isRegistered('sys-default', '1002')).toBe(true);

    const incoming = phone.nextInvitation();
    const call = await gateway.placeBridgeCall('sys-default', '1002', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    expect(call).toMatchObject({ systemId: 'sys-default', extension: '1002', callRef: invitation.request.callId });
    const directions = watchReinvites(invitation);
    await gateway.hold(call.bridgeId);
    await gateway.retrieve(call.bridgeId);
    expect(directions).toEqual(['sendonly', 'sendrecv']);
    await gateway.hangup(call.bridgeId);
    await waitForState(invitation, SessionState.Terminated);
    expect(hangups).toEqual([]);
    await expect(gateway.hold(call.bridgeId)).rejects.toMatchObject({ code: 'ENDED' });

    const second = phone.nextInvitation();
    const again = await gateway.placeBridgeCall('sys-default', '1002', { answerTimeoutMs: 2_000 });
    const secondInvitation = await second;
    await waitForState(secondInvitation, SessionState.Established);
    await secondInvitation.bye();
    const started = Date.now();
    while (hangups.length === 0 && Date.now() - started < 3_000) await new Promise((r) => setTimeout(r, 5));
    expect(hangups).toEqual([
      { bridgeId: again.bridgeId, systemId: 'sys-default', extension: '1002', userId: 2, reason: 'phone-hangup' },
    ]);
  });

  it('maps an unregistered extension to NOT_REGISTERED', async () => {
    const gateway = createSipPhoneGateway(server.edge);
    await expect(gateway.placeBridgeCall('sys-default', '1003', { answerTimeoutMs: 100 })).rejects.toMatchObject({
      code: 'NOT_REGISTERED',
    });
  });
});
