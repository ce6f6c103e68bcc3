import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { formatDateTime } from '@omnikit/contracts';
import type { SipMediaLeg, SipMediaMode } from '@omnikit/contracts/control';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { agentPhoneMedia } from '../engine/calls/agent-phone-media.js';
import { DomainError } from '../engine/domain-error.js';
import type { NetworkPhones } from '../engine/ports.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { Logger, MockServices } from '../mock-services.js';
import { SipBridgeError } from '../sip/sip-bridge-error.js';
import type { SipEdge } from '../sip/sip-edge.js';
import { createSipPhoneGateway, type SipPhoneGateway } from '../sip/sip-phone-gateway.js';

export interface SipPhonesOptions {
  /** Wall-clock ms a phone has to answer its bridge call (default 30 s). */
  answerTimeoutMs?: number;
  /** Digest realm (default `omni.mock`). */
  realm?: string;
  /** Media of the bridge legs: `fake` (default: SDP only, no audio) or `webrtc` (werift, Opus). */
  media?: SipMediaMode;
  /** Wall clock for the media counters (default Date.now). */
  wallNow?: () => number;
  /** More registrations that count as registered, beside the SIP edge's. */
  registrations?: Pick<NetworkPhones, 'isRegistered'> | undefined;
  logger: Logger;
}

/** The live bridge legs' media, for the control API (`GET /__mock/sip/media`). */
export interface SipMediaSource {
  readonly mediaMode: SipMediaMode;
  mediaLegs(systemId: number): SipMediaLeg[];
}

/**
 * WebRTC phones for a listening mock (the SIP edge wired to the agents): the edge is
 * attached to the first HTTP server the mock listens on (`ws://<host>:<port>/ws` for the default
 * system, `/ws/<system id>` for another); its registrations count as registered for campaign login
 * and `GET /omni/users/{id}`. Campaign login places the bridge INVITE first and completes only once
 * the phone answers it (a phone that does not answer within `answerTimeoutMs` wall-clock ms, or
 * refuses, fails the login with a 409 and the INVITE is cancelled); once a command has committed,
 * the SIP gateway carries it to the phone: re-INVITEs for hold and for every end of a hold, BYE at logout. A phone that unregisters,
 * loses its connection or hangs up its bridge call is a phone gone: the agent's call is hung up and
 * the agent logged out (`phone_dropped`), unless a virtual phone still holds the extension.
 */
export interface SipPhones extends NetworkPhones, SipMediaSource {
  /**
   * Serves phones on `server` (the first call only). The SIP edge (sip.js, a third of the mock's modules) is loaded
   * on the first WebSocket upgrade, not at start-up: upgrades arriving while it loads wait for it.
   */
  attach(server: Server): void;
  /** The SIP edge once a phone has connected (undefined before: nobody can be registered). */
  edge(): SipEdge | undefined;
  close(): Promise<void>;
}

export function createSipPhones(services: () => MockServices, options: SipPhonesOptions): SipPhones {
  let edge: SipEdge | undefined;
  let gateway: SipPhoneGateway | undefined;
  let attached = false;
  let closed = false;
  let edgeLoading: Promise<void> | undefined;
  /** Answered bridge legs by `<system id>:<user id>`: each agent's current one. */
  const legs = new Map<string, string>();
  /** How many times each system was reset or deleted: a bridge call answered after that belongs to no session. */
  const epochs = new Map<number, number>();
  const mediaMode: SipMediaMode = options.media ?? 'fake';
  const wallNow = options.wallNow ?? Date.now;
  /**
   * werift takes about half a second to import: only `--media webrtc` loads it, starting now (in
   * the background) so that it is there by the first campaign login, which awaits it.
   */
  let webrtcFactory: SessionDescriptionHandlerFactory | undefined;
  const mediaReady: Promise<void> =
    mediaMode === 'webrtc'
      ? import('../sip/webrtc-session-description-handler.js').then((m) => {
          webrtcFactory = m.createWebrtcSessionDescriptionHandlerFactory({
            now: wallNow,
            log: (level, message) => options.logger.error(`sip media (${level}): ${message}`),
          });
        })
      : Promise.resolve();
  // A failed load is reported by the login that awaits it.
  mediaReady.catch(() => undefined);
  const answerTimeoutMs = options.answerTimeoutMs ?? 30_000;
  const key = (systemId: number | string, userId: number) => `${systemId}:${userId}`;
  const warn = (what: string, error: unknown) => options.logger.error(`sip: ${what}`, error);
  /**
   * A phone's ordinary SIP answer to a command (a re-INVITE refused, or never answered) is one line, not a stack
   * trace: the phone said no, the mock did not fail. The call's state stays as the command left it (Omni holds the
   * customer whatever the agent's phone says).
   */
  const phoneSaidNo = (what: string, error: unknown) =>
    error instanceof SipBridgeError ? options.logger.error(`sip: ${what}: ${error.message}`) : warn(what, error);

  /** Runs `fn` once what the current command wrote has committed (the phone must never run ahead). */
  const afterCommit = (fn: () => Promise<void>) => {
    const s = services();
    s.stores.tx
      .durable()
      .then(fn)
      .catch((error: unknown) => phoneSaidNo('a phone action failed', error));
  };

  const systemOf = (systemId: number | string): SystemContext | undefined =>
    services().registry.getById(Number(systemId));

  /**
   * The system a `/ws/<ref>` names: its public id (digits), else its system key — the form a proxy that places
   * systems by their key can route, since every process numbers its own systems from 1.
   */
  const systemNamed = (ref: string): SystemContext | undefined =>
    (/^[0-9]+$/.test(ref) ? systemOf(ref) : undefined) ?? services().registry.get(ref);

  /** The phone of `extension` is gone: its agent loses it (unless a virtual phone still registers it). */
  const phoneGone = (systemId: number | string, extension: string) => {
    const s = services();
    const sys = systemOf(systemId);
    // Still registered over SIP after a BYE: the phone is up but its bridge call is gone, which
    // loses the agent all the same; only a virtual phone on the extension keeps it logged in.
    if (!sys || s.phones.kindOf(sys.systemId, extension) === 'virtual') return;
    s.stores.tx.run(() => s.calls.phoneGone(sys, extension));
  };

  /** The SIP edge on `server`, its events wired to the agents. */
  const startEdge = (server: Server, attachSipEdge: typeof import('../sip/sip-edge.js').attachSipEdge) => {
    const s = services();
    const started = attachSipEdge(server, {
      accounts: {
        lookup(systemRef, extension) {
          const sys = systemRef === undefined ? s.registry.getDefault() : systemNamed(systemRef);
          if (!sys) return undefined;
          const user = s.stores.users.findByExtension(sys.systemId, extension);
          return user
            ? { systemId: String(sys.systemId), userId: user.userId, webrtcPassword: user.webrtcPassword }
            : undefined;
        },
        hasSystem: (systemRef) => systemNamed(systemRef) !== undefined,
      },
      ...(options.realm ? { realm: options.realm } : {}),
      ...(mediaMode === 'webrtc'
        ? {
            mediaFactory: (session, factoryOptions) => {
              // bridge() awaits the load before it places an INVITE; only a call the phone
              // places to the mock (which Omni never answers) can come earlier.
              if (!webrtcFactory) throw new Error('WebRTC media is still loading');
              return webrtcFactory(session, factoryOptions);
            },
          }
        : {}),
      onUnregistered: (systemId, extension) => phoneGone(systemId, extension),
      // The Host and Origin rules of the HTTP routes (http/origin-guard.ts): a DNS-rebinding page or another site's
      // page must not register the demo extensions and take the agents' bridge calls.
      refuseUpgrade: (request) =>
        s.options.originGuard.upgradeRefusal({ host: request.headers.host, origin: request.headers.origin }),
      log: (level, message) => {
        if (level === 'error') options.logger.error(`sip: ${message}`);
      },
    });
    edge = started;
    gateway = createSipPhoneGateway(started);
    gateway.onPhoneHangup((event) => {
      // Only the agent's current leg is its phone: a leg left over from before a reset (or a re-login) ends alone.
      let current = false;
      for (const [k, bridgeId] of legs) {
        if (bridgeId !== event.bridgeId) continue;
        legs.delete(k);
        current = true;
      }
      if (current) phoneGone(event.systemId, event.extension);
    });
  };

  return {
    attach(server) {
      if (attached) return;
      attached = true;
      const early: [IncomingMessage, Duplex, Buffer][] = [];
      const waitForEdge = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        early.push([request, socket, head]);
        edgeLoading ??= import('../sip/sip-edge.js').then(
          ({ attachSipEdge }) => {
            server.off('upgrade', waitForEdge);
            if (closed) {
              for (const [, waiting] of early) waiting.destroy();
              return;
            }
            startEdge(server, attachSipEdge);
            // Handed to the edge as if they arrived now.
            for (const [req, waiting, bytes] of early.splice(0)) {
              if (!waiting.destroyed) server.emit('upgrade', req, waiting, bytes);
            }
          },
          (error: unknown) => {
            warn('the SIP edge failed to load', error);
            for (const [, waiting] of early.splice(0)) waiting.destroy();
          },
        );
      };
      server.on('upgrade', waitForEdge);
    },
    edge: () => edge,
    isRegistered: (systemId, extension) =>
      (edge?.isRegistered(String(systemId), extension) ?? false) ||
      (options.registrations?.isRegistered(systemId, extension) ?? false),
    registered: (systemId) => edge?.bindings(String(systemId)).map((b) => b.extension) ?? [],

    async bridge(systemId, userId, extension) {
      const k = key(systemId, userId);
      if (!gateway) throw notRegistered(extension);
      const epoch = epochs.get(systemId) ?? 0;
      try {
        await mediaReady;
        const placed = await gateway.placeBridgeCall(String(systemId), extension, { answerTimeoutMs });
        if ((epochs.get(systemId) ?? 0) !== epoch) {
          await gateway.hangup(placed.bridgeId);
          throw DomainError.invalidState(
            `the system was reset or deleted while the phone of extension ${extension} rang: the agent stays logged out`,
          );
        }
        legs.set(k, placed.bridgeId);
        gateway.media(placed.bridgeId)?.setAudioSource(() => customerBridged(systemId, userId));
      } catch (error) {
        throw error instanceof DomainError ? error : loginRefused(extension, answerTimeoutMs, error);
      }
    },
    hold(systemId, userId) {
      afterCommit(async () => {
        const bridgeId = legs.get(key(systemId, userId));
        if (gateway && bridgeId) await gateway.hold(bridgeId);
      });
    },
    retrieve(systemId, userId) {
      afterCommit(async () => {
        const bridgeId = legs.get(key(systemId, userId));
        if (gateway && bridgeId) await gateway.retrieve(bridgeId);
      });
    },
    hangup(systemId, userId) {
      const k = key(systemId, userId);
      afterCommit(async () => {
        const bridgeId = legs.get(k);
        legs.delete(k);
        if (gateway && bridgeId) await gateway.hangup(bridgeId);
      });
    },
    endSystem(systemId, how) {
      epochs.set(systemId, (epochs.get(systemId) ?? 0) + 1);
      for (const k of [...legs.keys()]) if (k.startsWith(`${systemId}:`)) legs.delete(k);
      if (!edge) return;
      const ending = how === 'deleted' ? edge.dropSystem(String(systemId)) : edge.hangupSystem(String(systemId));
      ending.catch((error: unknown) => warn(`ending the phones of system ${systemId} failed`, error));
    },
    mediaMode,
    mediaLegs(systemId) {
      const out: SipMediaLeg[] = [];
      for (const [k, bridgeId] of legs) {
        const [legSystem, userId] = k.split(':').map(Number);
        if (legSystem !== systemId || userId === undefined) continue;
        const leg = edge?.leg(bridgeId);
        if (!leg) continue;
        const stats = leg.media?.stats();
        const time = (ms: number | null | undefined) => (ms == null ? null : formatDateTime(ms));
        out.push({
          extension: leg.target.extension,
          user_id: userId,
          bridge_id: bridgeId,
          sip_call_id: leg.sipCallId,
          leg_state: leg.state === 'held' ? 'held' : 'up',
          media_state: stats?.state ?? 'none',
          playing: stats?.playing ?? false,
          local_direction: stats?.localDirection ?? null,
          remote_direction: stats?.remoteDirection ?? null,
          packets_sent: stats?.packetsSent ?? 0,
          bytes_sent: stats?.bytesSent ?? 0,
          packets_received: stats?.packetsReceived ?? 0,
          bytes_received: stats?.bytesReceived ?? 0,
          started_at: time(stats?.startedAt),
          first_packet_sent_at: time(stats?.firstPacketSentAt),
          last_packet_sent_at: time(stats?.lastPacketSentAt),
          first_packet_received_at: time(stats?.firstPacketReceivedAt),
          last_packet_received_at: time(stats?.lastPacketReceivedAt),
        });
      }
      return out.sort((a, b) => a.extension.localeCompare(b.extension));
    },
    async close() {
      closed = true;
      await edgeLoading;
      await edge?.close();
    },
  };

  /**
   * Someone is on the line with the agent (`agentPhoneMedia`): the customer (answered, the agent connected), or a 3rd
   * party who answered the agent's conference, the customer parked or not.
   */
  function customerBridged(systemId: number, userId: number): boolean {
    const s = services();
    const agent = s.telephony.agents.get(systemId, userId);
    if (!agent || agent.callId === 0) return false;
    const call = s.telephony.calls.get(systemId, agent.callId);
    return call !== undefined && agentPhoneMedia(call.machine) === 'talking';
  }
}

/** The SIP phones behind a mock's phone actions, when they are (the control API reads their media). */
export function sipMediaSourceOf(phones: NetworkPhones): SipMediaSource | undefined {
  const candidate = phones as Partial<SipMediaSource>;
  return typeof candidate.mediaLegs === 'function' && candidate.mediaMode !== undefined
    ? (candidate as SipMediaSource)
    : undefined;
}

function notRegistered(extension: string): DomainError {
  return new DomainError(
    'EXTENSION_NOT_REGISTERED',
    `extension ${extension} is not registered over WebRTC any more: register its phone again before campaign login`,
    [{ field: 'extension', message: 'is not registered' }],
  );
}

/** Why a login's bridge call failed, as the login's 409. */
function loginRefused(extension: string, answerTimeoutMs: number, error: unknown): DomainError {
  if (!(error instanceof SipBridgeError)) {
    return DomainError.invalidState(`the bridge call to extension ${extension} failed: ${String(error)}`);
  }
  switch (error.code) {
    case 'NOT_REGISTERED':
      return notRegistered(extension);
    case 'NO_ANSWER':
      return DomainError.invalidState(
        `the phone of extension ${extension} did not answer its bridge call within ${answerTimeoutMs} ms: the agent stays logged out`,
      );
    case 'BAD_ANSWER':
      return DomainError.invalidState(
        `the phone of extension ${extension} answered its bridge call without a usable audio description (SDP): the agent stays logged out`,
      );
    case 'NOT_WEBRTC':
      // Inferred (webrtc-sdp-problem.ts): Omni's extensions are WebRTC, which refuses media without DTLS-SRTP.
      return DomainError.invalidState(
        `the phone of extension ${extension} answered its bridge call with an SDP a WebRTC extension does not accept (${error.sdpProblem ?? 'not DTLS-SRTP'}): the mock hung up (488) and the agent stays logged out`,
      );
    case 'REJECTED':
      if (error.statusCode !== undefined && error.statusCode < 400)
        return DomainError.invalidState(
          `the phone of extension ${extension} redirected its bridge call with SIP code ${error.statusCode}, which the mock does not follow: the agent stays logged out`,
        );
      return DomainError.invalidState(
        `the phone of extension ${extension} refused its bridge call with SIP code ${error.statusCode ?? 'unknown'}: the agent stays logged out`,
      );
    case 'CONNECTION_LOST':
      return DomainError.invalidState(
        `the phone of extension ${extension} lost its connection before answering its bridge call: the agent stays logged out`,
      );
    default:
      return DomainError.invalidState(
        `the bridge call to extension ${extension} failed (${error.code}: ${error.message}): the agent stays logged out`,
      );
  }
}
