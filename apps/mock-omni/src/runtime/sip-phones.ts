import type { Server } from 'node:http';
import { DomainError } from '../engine/domain-error.js';
import type { ExternalPhones, PhoneActions } from '../engine/agents/phone-service.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { Logger, MockServices } from '../mock-services.js';
import type { PhoneGateway } from '../sip/phone-gateway.js';
import { SipBridgeError } from '../sip/sip-bridge-error.js';
import { attachSipEdge, type SipEdge } from '../sip/sip-edge.js';
import { createSipPhoneGateway } from '../sip/sip-phone-gateway.js';

export interface SipPhonesOptions {
  /** Wall-clock ms a phone has to answer its bridge call (default 30 s). */
  answerTimeoutMs?: number;
  /** Digest realm (default `omni.mock`). */
  realm?: string;
  logger: Logger;
}

/**
 * WebRTC phones for a listening mock (issue #6's SIP edge wired to issue #4's agents): the edge is
 * attached to the first HTTP server the mock listens on (`ws://<host>:<port>/ws` for the default
 * system, `/ws/<system id>` for another); its registrations count as registered for campaign login
 * and `GET /omni/users/{id}`. Campaign login places the bridge INVITE first and completes only once
 * the phone answers it (a phone that does not answer within `answerTimeoutMs` wall-clock ms, or
 * refuses, fails the login with a 409 and the INVITE is cancelled); once a command has committed,
 * the SIP gateway carries it to the phone: re-INVITEs for hold and retrieve, BYE at logout. A phone that unregisters,
 * loses its connection or hangs up its bridge call is a phone gone: the agent's call is hung up and
 * the agent logged out (`phone_dropped`), unless a virtual phone still holds the extension.
 */
export interface SipPhones extends ExternalPhones, PhoneActions {
  attach(server: Server): void;
  edge(): SipEdge | undefined;
  close(): Promise<void>;
}

export function createSipPhones(services: () => MockServices, options: SipPhonesOptions): SipPhones {
  let edge: SipEdge | undefined;
  let gateway: PhoneGateway | undefined;
  /** Answered bridge legs by `<system id>:<user id>`. */
  const legs = new Map<string, string>();
  const answerTimeoutMs = options.answerTimeoutMs ?? 30_000;
  const key = (systemId: number | string, userId: number) => `${systemId}:${userId}`;
  const warn = (what: string, error: unknown) => options.logger.error(`sip: ${what}`, error);

  /** Runs `fn` once what the current command wrote has committed (the phone must never run ahead). */
  const afterCommit = (fn: () => Promise<void>) => {
    const s = services();
    s.stores.tx
      .durable()
      .then(fn)
      .catch((error: unknown) => warn('a phone action failed', error));
  };

  const systemOf = (systemId: number | string): SystemContext | undefined =>
    services().registry.getById(Number(systemId));

  /** The phone of `extension` is gone: its agent loses it (unless a virtual phone still registers it). */
  const phoneGone = (systemId: number | string, extension: string) => {
    const s = services();
    const sys = systemOf(systemId);
    // Still registered over SIP after a BYE: the phone is up but its bridge call is gone, which
    // loses the agent all the same; only a virtual phone on the extension keeps it logged in.
    if (!sys || s.phones.kindOf(sys.systemId, extension) === 'virtual') return;
    s.stores.tx.run(() => s.calls.phoneGone(sys, extension));
  };

  return {
    attach(server) {
      if (edge) return;
      const s = services();
      edge = attachSipEdge(server, {
        directory: {
          lookup(systemRef, extension) {
            const sys = systemRef === undefined ? s.registry.getDefault() : systemOf(systemRef);
            if (!sys || (systemRef !== undefined && !/^[0-9]+$/.test(systemRef))) return undefined;
            const user = s.stores.users.findByExtension(sys.systemId, extension);
            return user
              ? { systemId: String(sys.systemId), userId: user.userId, webrtcPassword: user.webrtcPassword }
              : undefined;
          },
          hasSystem: (systemRef) => /^[0-9]+$/.test(systemRef) && systemOf(systemRef) !== undefined,
        },
        ...(options.realm ? { realm: options.realm } : {}),
        onUnregistered: (systemId, extension) => phoneGone(systemId, extension),
        log: (level, message) => {
          if (level === 'error') options.logger.error(`sip: ${message}`);
        },
      });
      gateway = createSipPhoneGateway(edge);
      gateway.onPhoneHangup((event) => {
        for (const [k, bridgeId] of legs) if (bridgeId === event.bridgeId) legs.delete(k);
        phoneGone(event.systemId, event.extension);
      });
    },
    edge: () => edge,
    isRegistered: (systemId, extension) => edge?.isRegistered(String(systemId), extension) ?? false,
    registered: (systemId) => edge?.bindings(String(systemId)).map((b) => b.extension) ?? [],

    async bridge(systemId, userId, extension) {
      const k = key(systemId, userId);
      if (!gateway) throw notRegistered(extension);
      try {
        const placed = await gateway.placeBridgeCall(String(systemId), extension, { answerTimeoutMs });
        legs.set(k, placed.bridgeId);
      } catch (error) {
        throw loginRefused(extension, answerTimeoutMs, error);
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
    async close() {
      await edge?.close();
    },
  };
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
    case 'REJECTED':
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
