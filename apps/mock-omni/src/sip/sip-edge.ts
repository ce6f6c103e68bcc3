/**
 * The mock's SIP-over-WebSocket edge (RFC 7118) on the mock's own HTTP port: `/ws` for the default system,
 * `/ws/<system reference>` or `/ws?auth-key=<system key>` for another (what a reference names is the accounts' call). It selects the `sip` subprotocol (browsers fail the handshake otherwise),
 * sends text frames, answers the CRLF keep-alive, and parses each frame once: REGISTER goes to the hand-written
 * registrar, everything else to the sip.js user agent of that connection. Bridge legs to registered extensions are
 * placed with {@link SipEdge.bridge}.
 *
 * @module
 */

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Core, type SessionDescriptionHandlerFactory, UserAgent } from 'sip.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { type Binding, BindingTable } from './binding-table.js';
import { BridgeLeg, type PlaceBridgeOptions } from './bridge-leg.js';
import { ConnectionTransport, type TransportLink } from './connection-transport.js';
import { createFakeSessionDescriptionHandlerFactory } from './fake-session-description-handler.js';
import { createNonceStore } from './nonce-store.js';
import { answerRegister, parseRegisterMessage } from './register-message.js';
import { createRegistrar } from './registrar.js';
import type { SipAccounts } from './sip-accounts.js';
import { SipBridgeError } from './sip-bridge-error.js';
import { SipConnection } from './sip-connection.js';
import { webrtcSdpProblem } from './webrtc-sdp-problem.js';

export interface SipBindingInfo {
  systemId: string;
  extension: string;
  userId: number;
  aor: string;
  contact: string;
  /** Wall-clock epoch ms. */
  registeredAt: number;
  expiresAt: number;
  userAgent: string | undefined;
  connectionId: string;
  remoteAddress: string | undefined;
}

export type SipUnregisterReason = 'unregister' | 'expired' | 'connection-closed';

export interface SipEdgeDeps {
  accounts: SipAccounts;
  /** Wall clock for nonce and binding expiry (SIP transport timing, not a system's virtual clock). */
  now?: () => number;
  /** Digest realm (default `omni.mock`). */
  realm?: string;
  /** WebSocket path (default `/ws`). */
  path?: string;
  /** Default 5 min. */
  nonceLifetimeMs?: number;
  /** REGISTER expiry bounds in seconds (defaults 30 and 3600): shorter → 423, longer → capped. */
  minExpiresSeconds?: number;
  maxExpiresSeconds?: number;
  /** How often expired bindings and nonces are swept (default 5 s). */
  sweepIntervalMs?: number;
  /** WebSocket ping interval to find dead peers (default 30 s; 0 disables). */
  pingIntervalMs?: number;
  /** Media for bridge legs (default: fake SDP, no media). */
  mediaFactory?: SessionDescriptionHandlerFactory;
  /** A new binding for an extension (not a refresh of the same phone's binding). */
  onRegistered?(systemId: string, extension: string, binding: SipBindingInfo): void;
  /** The extension has no binding any more. */
  onUnregistered?(systemId: string, extension: string, binding: SipBindingInfo, reason: SipUnregisterReason): void;
  /**
   * Judges a WebSocket upgrade to this edge's path before the handshake (the Host and Origin rules of the HTTP routes):
   * a reason to refuse it with 403, or undefined to go on.
   */
  refuseUpgrade?(request: IncomingMessage): string | undefined;
  log?(level: 'debug' | 'log' | 'warn' | 'error', message: string): void;
}

export interface SipEdgeStats {
  connections: number;
  bindings: number;
  nonces: number;
  userAgents: number;
  legs: number;
  droppedFrames: number;
  /** REGISTER answers sent, by status code. */
  registerResponses: Record<string, number>;
}

export interface SipEdge {
  readonly path: string;
  readonly realm: string;
  isRegistered(systemId: string, extension: string): boolean;
  binding(systemId: string, extension: string): SipBindingInfo | undefined;
  bindings(systemId?: string): SipBindingInfo[];
  /**
   * Places the bridge call to a registered extension. Resolves once the phone answered (200 OK +
   * ACK); rejects with a {@link SipBridgeError}: NOT_REGISTERED, NO_ANSWER (after
   * `answerTimeoutMs` wall-clock ms), REJECTED, CONNECTION_LOST, CLOSED.
   */
  bridge(systemId: string, extension: string, options: PlaceBridgeOptions): Promise<BridgeLeg>;
  /** A live bridge leg by its id. */
  leg(id: string): BridgeLeg | undefined;
  /**
   * Drops a phone's WebSocket as a network failure would (chaos for tests and the control API):
   * its bindings and bridge legs end. False when no such connection is open.
   */
  disconnect(connectionId: string): boolean;
  /** Hangs up (BYE) every bridge leg of the system, as a reset of the system does. */
  hangupSystem(systemId: string): Promise<void>;
  /**
   * Forgets a deleted system: its legs are hung up (BYE), its bindings dropped without `onUnregistered`, and its phones'
   * WebSockets closed (1001): a phone that reconnects to the system's path is refused with 404 at the handshake
   * rather than bound to a system that is gone.
   */
  dropSystem(systemId: string): Promise<void>;
  /** Expires bindings and nonces now (also runs every `sweepIntervalMs`). */
  sweep(): void;
  stats(): SipEdgeStats;
  /** Closes every phone connection (no events), stops timers and detaches from the server. */
  close(): Promise<void>;
}

const SYSTEM_REF = /^[A-Za-z0-9._~-]{1,128}$/;
const MANDATORY_HEADERS = ['from', 'to', 'call-id', 'cseq', 'via'] as const;
/** RFC 3261 §7.5: CRLFs before a start line are ignored (RFC 5626 uses them as keep-alives). */
const LEADING_CRLF = /^(?:\r\n)+/;
/** Methods answered without an Require check (RFC 3261 §8.2.2.3): ACK gets no answer, CANCEL needs none. */
const NO_REQUIRE_CHECK = new Set(['ACK', 'CANCEL']);

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export function attachSipEdge(server: Server, deps: SipEdgeDeps): SipEdge {
  const now = deps.now ?? Date.now;
  const realm = deps.realm ?? 'omni.mock';
  const path = deps.path ?? '/ws';
  const log = deps.log ?? (() => undefined);
  const mediaFactory = deps.mediaFactory ?? createFakeSessionDescriptionHandlerFactory();
  const connections = new Set<SipConnection>();
  const legs = new Map<string, BridgeLeg>();
  const bindingTable = new BindingTable<SipConnection>();
  const nonces = createNonceStore({ now, lifetimeMs: deps.nonceLifetimeMs ?? 300_000, maxNonces: 100_000 });
  let connectionSeq = 0;
  let droppedFrames = 0;
  const registerResponses: Record<string, number> = {};
  let closed = false;

  const loggerFactory = new Core.LoggerFactory();
  loggerFactory.builtinEnabled = false;
  loggerFactory.level = Core.Levels.warn;
  loggerFactory.connector = (level, category, _label, content) =>
    log(level === 'error' || level === 'warn' || level === 'log' ? level : 'debug', `${category}: ${content}`);
  const parserLogger = loggerFactory.getLogger('sip.edge.parser');

  const info = (binding: Binding<SipConnection>): SipBindingInfo => ({
    systemId: binding.systemId,
    extension: binding.extension,
    userId: binding.userId,
    aor: binding.aor,
    contact: binding.contact.toString(),
    registeredAt: binding.registeredAt,
    expiresAt: binding.expiresAt,
    userAgent: binding.userAgent,
    connectionId: binding.connection.id,
    remoteAddress: binding.connection.remoteAddress,
  });

  const unbound = (binding: Binding<SipConnection>, reason: SipUnregisterReason) => {
    binding.connection.bindings.delete(binding);
    if (closed) return;
    log('debug', `extension ${binding.extension} of system ${binding.systemId} unregistered (${reason})`);
    deps.onUnregistered?.(binding.systemId, binding.extension, info(binding), reason);
  };

  const registrar = createRegistrar<SipConnection>({
    accounts: deps.accounts,
    nonces,
    bindings: bindingTable,
    now,
    realm,
    minExpiresSeconds: deps.minExpiresSeconds ?? 30,
    maxExpiresSeconds: deps.maxExpiresSeconds ?? 3600,
    onBound(binding, previous) {
      previous?.connection.bindings.delete(previous);
      binding.connection.bindings.add(binding);
      log('debug', `extension ${binding.extension} of system ${binding.systemId} registered`);
      deps.onRegistered?.(binding.systemId, binding.extension, info(binding));
    },
    onUnbound: (binding) => unbound(binding, 'unregister'),
  });

  const createUserAgent = (link: TransportLink): UserAgent =>
    new UserAgent({
      uri: UserAgent.makeURI(`sip:omni@${realm}`),
      displayName: 'Omni',
      contactName: 'omni',
      transportConstructor: ConnectionTransport,
      transportOptions: { link },
      sessionDescriptionHandlerFactory: mediaFactory,
      gracefulShutdown: false,
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => log(level, `${category}: ${content}`),
      userAgentString: 'OmniKit mock-omni',
    });

  /** A binding that has not expired (an expired one is dropped on the spot). */
  const liveBinding = (systemId: string, extension: string): Binding<SipConnection> | undefined => {
    const binding = bindingTable.get(systemId, extension);
    if (!binding) return undefined;
    if (binding.expiresAt > now()) return binding;
    if (bindingTable.delete(binding)) unbound(binding, 'expired');
    return undefined;
  };

  const onRegister = (connection: SipConnection, text: string) => {
    const request = parseRegisterMessage(text);
    if (typeof request === 'string') {
      droppedFrames += 1;
      log('warn', `dropped a malformed REGISTER (${request}) on connection ${connection.id}`);
      return;
    }
    let response: string;
    try {
      response = registrar.handle(request, connection);
    } catch (error) {
      droppedFrames += 1;
      log('error', `REGISTER failed on connection ${connection.id}: ${error instanceof Error ? error.stack : error}`);
      response = answerRegister(request, 500, 'Server Internal Error');
    }
    // "SIP/2.0 NNN …": count answers by status for stats().
    const status = response.slice(8, 11);
    registerResponses[status] = (registerResponses[status] ?? 0) + 1;
    connection.send(response);
  };

  /**
   * An answer to a request the user agent never sees. Its CSeq is the request's own (sip.js would write the request
   * line's method in it, which a client whose CSeq method differs could not match).
   */
  const refuse = (
    connection: SipConnection,
    message: Core.IncomingRequestMessage,
    statusCode: number,
    reasonPhrase: string,
    extraHeaders: string[] = [],
  ) => {
    log('debug', `answered ${statusCode} ${reasonPhrase} to a ${message.method} on connection ${connection.id}`);
    if (message.method === 'ACK') return;
    const response = Core.constructOutgoingResponse(message, { statusCode, reasonPhrase, extraHeaders }).message;
    const cseq = `CSeq: ${message.getHeader('cseq') ?? ''}`;
    connection.send(response.replace(/^CSeq: .*$/m, () => cseq));
  };

  /**
   * The checks of RFC 3261 §8.2 that sip.js's user agent core skips: a Request-URI that is no SIP URI (its parser leaves
   * it undefined, and the core would throw), a CSeq naming another method, an option tag in Require the mock does not
   * support. True when the request was answered here.
   */
  const refused = (connection: SipConnection, message: Core.IncomingRequestMessage): boolean => {
    if (message.ruri === undefined) {
      refuse(connection, message, 416, 'Unsupported URI Scheme');
      return true;
    }
    const cseqMethod = /^[0-9]+[ \t]+([^ \t]+)$/.exec((message.getHeader('cseq') ?? '').trim())?.[1];
    if (cseqMethod !== message.method) {
      refuse(connection, message, 400, 'Bad Request (the CSeq method is not the request method)');
      return true;
    }
    if (NO_REQUIRE_CHECK.has(message.method)) return false;
    const required = message
      .getHeaders('require')
      .flatMap((value) => value.split(','))
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
    if (required.length > 0) {
      const supported = connection.userAgent().userAgentCore.configuration.supportedOptionTags;
      const unsupported = required.filter((tag) => !supported.includes(tag));
      if (unsupported.length > 0) {
        refuse(connection, message, 420, 'Bad Extension', [`Unsupported: ${unsupported.join(', ')}`]);
        return true;
      }
    }
    return refusedMedia(connection, message);
  };

  /**
   * A call the phone places with an offer a WebRTC extension does not accept: 488 Not Acceptable Here, as a
   * WebRTC-only SIP server answers (Inferred, see webrtc-sdp-problem.ts), before the user agent turns any call from a
   * phone down with 486. A re-INVITE inside a bridge call reaches the leg's description handler, which refuses such an
   * offer the same way and keeps the call as it was.
   */
  const refusedMedia = (connection: SipConnection, message: Core.IncomingRequestMessage): boolean => {
    if (message.method !== 'INVITE' || message.toTag || !message.body) return false;
    const contentType = (message.getHeader('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/sdp') return false;
    const problem = webrtcSdpProblem(message.body);
    if (problem === undefined) return false;
    log('warn', `refused an INVITE from connection ${connection.id} with 488: its SDP is not WebRTC's (${problem})`);
    refuse(connection, message, 488, 'Not Acceptable Here', [
      `Warning: 399 ${realm} "${problem.replace(/"/g, "'")}; a WebRTC extension needs UDP/TLS/RTP/SAVPF with ICE and DTLS"`,
    ]);
    return true;
  };

  const onFrame = (connection: SipConnection, data: RawData) => {
    const frame = frameText(data);
    // RFC 5626 §4.4.1 keep-alive: a double CRLF ping gets a single CRLF pong.
    if (frame === '\r\n\r\n') {
      connection.send('\r\n');
      return;
    }
    const text = frame.replace(LEADING_CRLF, '');
    if (text === '') return;
    // REGISTER, most of the traffic, is read by hand: sip.js's parser costs 1–2 ms a message.
    if (text.startsWith('REGISTER ')) {
      onRegister(connection, text);
      return;
    }
    const message = Core.Parser.parseMessage(text, parserLogger);
    if (!message || MANDATORY_HEADERS.some((header) => !message.hasHeader(header))) {
      droppedFrames += 1;
      log('warn', `dropped an unparsable SIP frame on connection ${connection.id}`);
      return;
    }
    try {
      if (message instanceof Core.IncomingRequestMessage && refused(connection, message)) return;
      connection.deliver(message);
    } catch (error) {
      droppedFrames += 1;
      log('error', `SIP frame failed on connection ${connection.id}: ${error instanceof Error ? error.stack : error}`);
      if (message instanceof Core.IncomingRequestMessage && message.method !== 'ACK') {
        connection.send(Core.constructOutgoingResponse(message, { statusCode: 500 }).message);
      }
    }
  };

  const onClose = (connection: SipConnection) => {
    if (!connections.delete(connection)) return;
    // Legs first (the mock logs the agent out of the campaign), then the registration.
    connection.lost();
    for (const binding of [...connection.bindings]) {
      if (bindingTable.delete(binding)) unbound(binding, 'connection-closed');
    }
    connection.bindings.clear();
  };

  const accept = (socket: WebSocket, systemRef: string | undefined, request: IncomingMessage) => {
    connectionSeq += 1;
    const connection = new SipConnection(
      `c${connectionSeq}`,
      connectionSeq,
      socket,
      systemRef,
      request.socket.remoteAddress,
      createUserAgent,
    );
    connections.add(connection);
    socket.on('message', (data) => onFrame(connection, data));
    socket.on('pong', () => {
      connection.awaitingPong = false;
    });
    socket.on('close', () => onClose(connection));
    socket.on('error', (error) => log('warn', `connection ${connection.id}: ${error.message}`));
  };

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
    // ws ≥ 8.14 would otherwise emit several messages in one tick, and sip.js answers a
    // re-INVITE arriving right behind its ACK with 500.
    allowSynchronousEvents: false,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });

  /** `undefined` when the path is not ours; `null` for a malformed system reference. */
  const route = (url: string | undefined): { systemRef: string | undefined } | null | undefined => {
    let parsed: URL;
    try {
      parsed = new URL(url ?? '/', 'http://mock.invalid');
    } catch {
      return undefined;
    }
    const pathname = parsed.pathname;
    if (pathname === path) {
      // `?auth-key=` names the system as on REST routes (A.2), so a proxy can route the upgrade by it.
      const key = parsed.searchParams.get('auth-key');
      if (key === null) return { systemRef: undefined };
      return SYSTEM_REF.test(key) ? { systemRef: key } : null;
    }
    if (!pathname.startsWith(`${path}/`)) return undefined;
    let ref: string;
    try {
      ref = decodeURIComponent(pathname.slice(path.length + 1));
    } catch {
      return null;
    }
    return SYSTEM_REF.test(ref) ? { systemRef: ref } : null;
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = route(request.url);
    if (target === undefined) {
      // Not ours: another upgrade listener may want it; if there is none, do not leave it hanging.
      if (server.listenerCount('upgrade') === 1) rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    socket.on('error', () => undefined);
    if (closed) return rejectUpgrade(socket, 503, 'Service Unavailable');
    const refusal = deps.refuseUpgrade?.(request);
    if (refusal !== undefined) return rejectUpgrade(socket, 403, `Forbidden: ${refusal}`);
    if (target === null) return rejectUpgrade(socket, 404, 'Not Found: malformed system reference');
    if (target.systemRef !== undefined && deps.accounts.hasSystem && !deps.accounts.hasSystem(target.systemRef))
      return rejectUpgrade(socket, 404, `Not Found: no system ${target.systemRef}`);
    if ((request.headers.upgrade ?? '').toLowerCase() !== 'websocket')
      return rejectUpgrade(socket, 400, 'Bad Request: WebSocket upgrade expected');
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes('sip')) return rejectUpgrade(socket, 400, 'Bad Request: the sip subprotocol is required');
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, target.systemRef, request));
  };
  server.on('upgrade', onUpgrade);

  const hangupSystem = async (systemId: string): Promise<void> => {
    const ending = [...legs.values()].filter((leg) => leg.target.systemId === systemId).map((leg) => leg.hangup());
    await Promise.all(ending);
  };

  const sweep = () => {
    const at = now();
    for (const binding of bindingTable.values()) {
      if (binding.expiresAt <= at && bindingTable.delete(binding)) unbound(binding, 'expired');
    }
    nonces.sweep();
  };
  const sweepTimer = setInterval(sweep, deps.sweepIntervalMs ?? 5_000);
  sweepTimer.unref();

  // Each connection is pinged once per interval, but the connections are spread over one-second
  // slots: pinging 1,000 sockets in one loop stalls the event loop for 10–20 ms.
  const pingIntervalMs = deps.pingIntervalMs ?? 30_000;
  const pingSlots = Math.max(1, Math.round(pingIntervalMs / 1000));
  let pingTick = 0;
  const pingTimer =
    pingIntervalMs > 0
      ? setInterval(() => {
          const slot = pingTick % pingSlots;
          pingTick += 1;
          for (const connection of connections) {
            if (connection.pingSlot % pingSlots !== slot) continue;
            if (connection.awaitingPong) {
              connection.socket.terminate();
              continue;
            }
            connection.awaitingPong = true;
            connection.socket.ping();
          }
        }, pingIntervalMs / pingSlots)
      : undefined;
  pingTimer?.unref();

  return {
    path,
    realm,
    isRegistered: (systemId, extension) => liveBinding(systemId, extension) !== undefined,
    binding(systemId, extension) {
      const binding = liveBinding(systemId, extension);
      return binding ? info(binding) : undefined;
    },
    bindings(systemId) {
      const at = now();
      const list: SipBindingInfo[] = [];
      for (const binding of bindingTable.values()) {
        if (binding.expiresAt <= at) continue;
        if (systemId !== undefined && binding.systemId !== systemId) continue;
        list.push(info(binding));
      }
      return list;
    },
    async bridge(systemId, extension, options) {
      if (closed) throw new SipBridgeError('CLOSED', 'the SIP edge is closed');
      const binding = liveBinding(systemId, extension);
      if (!binding) throw new SipBridgeError('NOT_REGISTERED', `extension ${extension} is not registered`);
      const connection = binding.connection;
      const leg = await BridgeLeg.place(
        connection.userAgent(),
        connection,
        {
          systemId,
          extension,
          userId: binding.userId,
          aor: binding.aor,
          contact: binding.contact,
        },
        options,
      );
      legs.set(leg.id, leg);
      leg.onEnded(() => legs.delete(leg.id));
      return leg;
    },
    leg: (id) => legs.get(id),
    disconnect(connectionId) {
      for (const connection of connections) {
        if (connection.id !== connectionId) continue;
        connection.socket.terminate();
        return true;
      }
      return false;
    },
    hangupSystem,
    async dropSystem(systemId) {
      const ending = hangupSystem(systemId);
      const closing = new Set<SipConnection>();
      for (const binding of [...bindingTable.values()]) {
        if (binding.systemId !== systemId || !bindingTable.delete(binding)) continue;
        binding.connection.bindings.delete(binding);
        closing.add(binding.connection);
      }
      // A connection that registered nothing yet is the deleted system's when its path no longer names a system.
      for (const connection of connections) {
        const ref = connection.systemRef;
        if (ref !== undefined && deps.accounts.hasSystem && !deps.accounts.hasSystem(ref)) closing.add(connection);
      }
      // The BYEs go out before the sockets close.
      await ending;
      for (const connection of closing) connection.socket.close(1001, 'the system was deleted');
    },
    sweep,
    stats() {
      let userAgents = 0;
      for (const connection of connections) if (connection.hasUserAgent) userAgents += 1;
      return {
        connections: connections.size,
        bindings: bindingTable.size,
        nonces: nonces.size,
        userAgents,
        legs: legs.size,
        droppedFrames,
        registerResponses: { ...registerResponses },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweepTimer);
      if (pingTimer) clearInterval(pingTimer);
      server.off('upgrade', onUpgrade);
      const closing = [...connections].map(
        (connection) =>
          new Promise<void>((resolve) => {
            if (connection.socket.readyState === connection.socket.CLOSED) return resolve();
            connection.socket.once('close', () => resolve());
            connection.socket.terminate();
          }),
      );
      await Promise.all(closing);
      for (const connection of [...connections]) onClose(connection);
      wss.close();
    },
  };
}
