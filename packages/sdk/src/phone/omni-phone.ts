/**
 * OmniPhone, the agent's webphone over sip.js, with its options, events and states.
 *
 * @module
 */

import { offerHolds, sdpDirection } from '@omnikit/contracts/sdp';
import {
  type Bye,
  type Core,
  type Invitation,
  Registerer,
  RegistererState,
  type SessionDescriptionHandler,
  type SessionDescriptionHandlerFactory,
  SessionState,
  UserAgent,
  Web,
} from 'sip.js';
import { loadWsWebSocket } from './load-ws-websocket.js';
import { OmniPhoneError } from './omni-phone-error.js';
import { TypedEmitter } from './typed-emitter.js';
import {
  type WebSocketConstructor,
  WebSocketTransport,
  type WebSocketTransportOptions,
} from './websocket-transport.js';

/**
 * The phone's settings: those of the webphone's configuration, and how to run its media.
 *
 * @example
 * ```ts
 * import { OmniPhone, type OmniPhoneOptions } from '@omnikit/sdk';
 *
 * // In a browser: the global WebSocket and sip.js's WebRTC media; the call plays in an <audio>.
 * const options: OmniPhoneOptions = {
 *   server: 'wss://omni.example.com/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   remoteAudio: document.querySelector('audio') ?? undefined,
 *   iceServers: [{ urls: 'stun:stun.example.com:3478' }],
 * };
 * const phone = new OmniPhone(options);
 * ```
 */
export interface OmniPhoneOptions {
  /** The SIP edge: `ws(s)://<host>:<port>/ws`, or `/ws/<system public id>` for another system. */
  server: string;
  extension: string;
  /** The user's WebRTC password (the digest password). */
  password: string;
  /** The AOR's domain (default: the server URL's host name). */
  domain?: string;
  /** Registration expiry asked for, in seconds (default 600). sip.js refreshes before it ends. */
  expiresSeconds?: number;
  displayName?: string;
  /**
   * The WebSocket implementation (default: the runtime's own; where there is none, as in Node 20,
   * the `ws` package, which must then be installed: `npm install ws`).
   */
  WebSocket?: WebSocketConstructor;
  /** Media (default: sip.js's WebRTC handler, browsers only). In Node: `createFakeMediaHandlerFactory()`. */
  mediaHandlerFactory?: SessionDescriptionHandlerFactory;
  /** ICE servers for WebRTC media (default sip.js's; `[]` for a mock on loopback). */
  iceServers?: IceServer[];
  /** Browsers: the element that plays the bridge call's audio (an `<audio>` element). */
  remoteAudio?: AudioSink;
  /** Answer the bridge call at once (default true); otherwise listen for `incoming` and call `answer()`. */
  autoAnswer?: boolean;
  /** CRLF keep-alive interval in seconds (default 30; 0 disables). */
  keepAliveSeconds?: number;
  /** Reconnect and re-register after the WebSocket drops (default true, delays 1, 2, 5, 10 s then every 10 s). */
  reconnect?: boolean | { delaysMs: number[] };
  /** Default 10 s. */
  connectionTimeoutMs?: number;
  /** Default 32 s (SIP's Timer F). */
  registerTimeoutMs?: number;
  /** sip.js's log lines (default: none). */
  log?: (level: 'debug' | 'log' | 'warn' | 'error', message: string) => void;
}

/**
 * An RTCIceServer, written out so the typings need no DOM library in Node projects.
 *
 * @example
 * ```ts
 * import { type IceServer, OmniPhone } from '@omnikit/sdk';
 *
 * const iceServers: IceServer[] = [
 *   { urls: 'turn:turn.example.com:3478', username: 'agent1', credential: 'turn-secret' },
 * ];
 * const phone = new OmniPhone({
 *   server: 'wss://omni.example.com/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   iceServers,
 * });
 * ```
 */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * What the phone needs of an HTMLMediaElement.
 *
 * @example
 * ```ts
 * import { type AudioSink, OmniPhone } from '@omnikit/sdk';
 *
 * // An <audio> element is one; so is anything with `srcObject` and `play()`.
 * const remoteAudio: AudioSink = new Audio();
 * const phone = new OmniPhone({
 *   server: 'wss://omni.example.com/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   remoteAudio,
 * });
 * ```
 */
export interface AudioSink {
  srcObject: unknown;
  play(): Promise<void>;
}

/**
 * Why the phone is no longer registered: `stop()`, a dropped WebSocket, or a refused refresh.
 *
 * @example
 * ```ts
 * import { OmniPhone, type UnregisterReason } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({ server: 'wss://omni.example.com/ws', extension: '1001', password: 'webrtc1' });
 * phone.on('unregistered', ({ reason }) => {
 *   const why: UnregisterReason = reason;
 *   if (why === 'connection-lost') console.warn('the phone is reconnecting');
 * });
 * ```
 */
export type UnregisterReason = 'stopped' | 'connection-lost' | 'refresh-failed';
/**
 * Who ended the bridge call: this phone, Omni, or a dropped connection.
 *
 * @example
 * ```ts
 * import { type BridgeDownBy, OmniPhone } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({ server: 'wss://omni.example.com/ws', extension: '1001', password: 'webrtc1' });
 * phone.on('bridgeDown', ({ by }) => {
 *   const who: BridgeDownBy = by;
 *   if (who === 'remote') console.log('Omni ended the bridge call');
 * });
 * ```
 */
export type BridgeDownBy = 'local' | 'remote' | 'connection-lost';

/**
 * Each event the phone emits, with what its listeners receive.
 *
 * @example
 * ```ts
 * import { OmniPhone, type OmniPhoneEvents } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({ server: 'wss://omni.example.com/ws', extension: '1001', password: 'webrtc1' });
 * function logEvent<K extends keyof OmniPhoneEvents>(event: K): void {
 *   phone.on(event, (payload: OmniPhoneEvents[K]) => console.log(event, payload));
 * }
 * logEvent('registered');
 * logEvent('hold');
 * ```
 */
export interface OmniPhoneEvents {
  registered: { extension: string };
  unregistered: { reason: UnregisterReason };
  connection: { connected: boolean };
  /** Only with `autoAnswer: false`: a call is ringing; `answer()` or `decline()` it. */
  incoming: { callId: string; from: string };
  /** A ringing call went away before it was answered (the server cancelled it). */
  incomingCancelled: { callId: string };
  bridgeUp: { callId: string; from: string; held: boolean };
  bridgeDown: { callId: string; by: BridgeDownBy };
  hold: { held: boolean };
  mute: { muted: boolean };
  error: OmniPhoneError;
}

/**
 * Where the phone is between `start()` and `stop()`.
 *
 * @example
 * ```ts
 * import { OmniPhone, type OmniPhoneLifecycle } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({ server: 'wss://omni.example.com/ws', extension: '1001', password: 'webrtc1' });
 * const lifecycle: OmniPhoneLifecycle = phone.lifecycle;
 * if (lifecycle === 'stopped') await phone.start();
 * ```
 */
export type OmniPhoneLifecycle = 'stopped' | 'starting' | 'running' | 'stopping';

/**
 * The bridge call as it stands: its id, who placed it, ringing or up, and whether it is held.
 *
 * @example
 * ```ts
 * import { type BridgeState, OmniPhone } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({
 *   server: 'wss://omni.example.com/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   autoAnswer: false,
 * });
 * phone.on('incoming', async () => {
 *   const bridge: BridgeState | undefined = phone.bridge;
 *   if (bridge?.status === 'ringing') await phone.answer();
 * });
 * ```
 */
export interface BridgeState {
  callId: string;
  from: string;
  status: 'ringing' | 'up';
  held: boolean;
}

interface BridgeCall {
  invitation: Invitation;
  state: BridgeState;
  endedBy: BridgeDownBy | undefined;
  finished: boolean;
}

const DEFAULT_RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

interface SenderTrackControl {
  enableSenderTracks(enable: boolean): void;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function controlsSenderTracks(
  handler: SessionDescriptionHandler | undefined,
): handler is SessionDescriptionHandler & SenderTrackControl {
  return handler !== undefined && typeof (handler as Partial<SenderTrackControl>).enableSenderTracks === 'function';
}

function hasRemoteStream(handler: SessionDescriptionHandler | undefined): handler is SessionDescriptionHandler & {
  remoteMediaStream: unknown;
} {
  return handler !== undefined && 'remoteMediaStream' in handler;
}

/**
 * The agent's phone: a small wrapper over sip.js 0.21 that does what Omni needs of a webphone.
 * It registers the extension over SIP-over-WebSocket with the webphone's settings (server URL,
 * extension, WebRTC password, expiry), answers the bridge call Omni places at campaign login,
 * follows the hold state Omni sets by re-INVITE, mutes, and unregisters cleanly on `stop()`.
 * Browsers use sip.js's WebRTC media and their own WebSocket; in Node, pass `WebSocket` from `ws`
 * (or leave it out: Node 22+ has its own, and before that the phone loads `ws` itself) and
 * `mediaHandlerFactory: createFakeMediaHandlerFactory()` to run headless.
 *
 * Lifecycle: `stopped` → `start()` → `starting` (connect, REGISTER) → `running` → `stop()` →
 * `stopping` (BYE, un-REGISTER, disconnect) → `stopped`. A failed start returns to `stopped`.
 * While `running`, registration is `registered` or not (a dropped WebSocket unregisters; with
 * `reconnect`, the phone reconnects and registers again). The bridge call is `ringing` (only
 * with `autoAnswer: false`), then `up` (held or not), then gone.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import { createFakeMediaHandlerFactory, OmniPhone } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({
 *   server: 'ws://127.0.0.1:4010/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   WebSocket, // Node: from `ws` (browsers have their own)
 *   mediaHandlerFactory: createFakeMediaHandlerFactory(), // Node: no media (browsers: leave it out)
 * });
 * phone.on('bridgeUp', ({ held }) => console.log('bridge call up, held:', held));
 * await phone.start();
 * // … agent.login(…): Omni calls the phone, which answers …
 * await phone.stop();
 * ```
 */
export class OmniPhone extends TypedEmitter<OmniPhoneEvents> {
  private lifecycleState: OmniPhoneLifecycle = 'stopped';
  private isRegistered = false;
  private isMuted = false;
  private userAgent: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private call: BridgeCall | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private stopping: Promise<void> | undefined;
  private readonly domain: string;

  constructor(private readonly options: OmniPhoneOptions) {
    super();
    let host: string;
    try {
      const url = new URL(options.server);
      if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error('not a WebSocket URL');
      host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    } catch {
      throw new OmniPhoneError('CONFIGURATION', `server must be a ws:// or wss:// URL, not "${options.server}"`);
    }
    if (!/^[A-Za-z0-9._~+-]{1,64}$/.test(options.extension))
      throw new OmniPhoneError('CONFIGURATION', `extension "${options.extension}" is not a valid SIP user`);
    if (!options.password) throw new OmniPhoneError('CONFIGURATION', 'the WebRTC password is required');
    this.domain = options.domain ?? (host.includes(':') ? `[${host}]` : host);
  }

  get lifecycle(): OmniPhoneLifecycle {
    return this.lifecycleState;
  }

  get registered(): boolean {
    return this.isRegistered;
  }

  get muted(): boolean {
    return this.isMuted;
  }

  /** The bridge call, if one is ringing or up. */
  get bridge(): BridgeState | undefined {
    return this.call ? { ...this.call.state } : undefined;
  }

  /** The bridge call's media handler (a FakeMediaHandler in Node), for inspection. */
  get mediaHandler(): SessionDescriptionHandler | undefined {
    return this.call?.invitation.sessionDescriptionHandler;
  }

  /** Connects and registers; resolves once registered, rejects with an {@link OmniPhoneError}. */
  async start(): Promise<void> {
    if (this.lifecycleState !== 'stopped')
      throw new OmniPhoneError('INVALID_STATE', `start() needs a stopped phone (it is ${this.lifecycleState})`);
    const mediaHandlerFactory =
      this.options.mediaHandlerFactory ??
      (typeof (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection === 'function'
        ? Web.defaultSessionDescriptionHandlerFactory()
        : undefined);
    if (!mediaHandlerFactory)
      throw new OmniPhoneError(
        'CONFIGURATION',
        'no WebRTC here: pass mediaHandlerFactory (createFakeMediaHandlerFactory() in Node)',
      );
    const aor = UserAgent.makeURI(`sip:${this.options.extension}@${this.domain}`);
    const registrar = UserAgent.makeURI(`sip:${this.domain}`);
    if (!aor || !registrar) throw new OmniPhoneError('CONFIGURATION', `cannot build a SIP URI for ${this.domain}`);

    this.lifecycleState = 'starting';
    let WebSocketImpl: WebSocketConstructor;
    try {
      WebSocketImpl =
        this.options.WebSocket ??
        (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ??
        (await loadWsWebSocket());
    } catch (error) {
      if (this.lifecycleState === 'starting') this.lifecycleState = 'stopped';
      throw error;
    }
    if (this.lifecycleState !== 'starting')
      throw new OmniPhoneError('INVALID_STATE', 'stop() was called before the phone finished starting');
    const log = this.options.log;
    const transportOptions: WebSocketTransportOptions = {
      server: this.options.server,
      WebSocket: WebSocketImpl,
      connectionTimeoutMs: this.options.connectionTimeoutMs ?? 10_000,
      keepAliveIntervalMs: (this.options.keepAliveSeconds ?? 30) * 1000,
    };
    const userAgent = new UserAgent({
      uri: aor,
      authorizationUsername: this.options.extension,
      authorizationPassword: this.options.password,
      displayName: this.options.displayName ?? this.options.extension,
      transportConstructor: WebSocketTransport,
      transportOptions,
      sessionDescriptionHandlerFactory: mediaHandlerFactory,
      ...(this.options.iceServers
        ? {
            sessionDescriptionHandlerFactoryOptions: {
              peerConnectionConfiguration: { iceServers: this.options.iceServers },
            },
          }
        : {}),
      gracefulShutdown: false,
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: log ? 'log' : 'error',
      logConnector: (level, category, _label, content) => log?.(level, `${category}: ${content}`),
      userAgentString: 'OmniKit OmniPhone (sip.js 0.21)',
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onConnect: () => this.emit('connection', { connected: true }),
        onDisconnect: (error) => this.onDisconnect(error),
      },
    });
    const registerer = new Registerer(userAgent, {
      expires: this.options.expiresSeconds ?? 600,
      registrar,
    });
    registerer.stateChange.addListener((state) => {
      // A refresh the registrar refused, or the registration ran out unrefreshed.
      if (state === RegistererState.Unregistered && this.isRegistered && this.lifecycleState === 'running') {
        this.isRegistered = false;
        this.emit('unregistered', { reason: 'refresh-failed' });
      }
    });
    this.userAgent = userAgent;
    this.registerer = registerer;
    try {
      try {
        await userAgent.start();
      } catch (error) {
        throw new OmniPhoneError(
          'CONNECTION_FAILED',
          `cannot connect to ${this.options.server}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await this.register();
      if (this.lifecycleState !== 'starting') throw new Error('stopped while starting');
      this.lifecycleState = 'running';
    } catch (error) {
      const stoppedMeanwhile = this.lifecycleState !== 'starting';
      await this.teardown();
      if (stoppedMeanwhile)
        throw new OmniPhoneError('INVALID_STATE', 'stop() was called before the phone finished starting');
      this.lifecycleState = 'stopped';
      throw error;
    }
  }

  /** Hangs up the bridge call, unregisters and disconnects. Safe to call in any state. */
  stop(): Promise<void> {
    if (this.lifecycleState === 'stopped') return Promise.resolve();
    if (this.stopping) return this.stopping;
    this.lifecycleState = 'stopping';
    this.stopping = (async () => {
      if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      // A BYE waits for the ACK of our 200 if it has not arrived yet: do not let that hold stop() up.
      if (this.call) await Promise.race([this.hangup().catch(() => undefined), delay(1_000)]);
      if (this.isRegistered && this.userAgent?.isConnected()) await this.unregister().catch(() => undefined);
      await this.teardown();
      if (this.isRegistered) {
        this.isRegistered = false;
        this.emit('unregistered', { reason: 'stopped' });
      }
      this.lifecycleState = 'stopped';
      this.stopping = undefined;
    })();
    return this.stopping;
  }

  /** Answers the ringing bridge call (only needed with `autoAnswer: false`). */
  async answer(): Promise<void> {
    const call = this.call;
    if (call?.state.status !== 'ringing')
      throw new OmniPhoneError('INVALID_STATE', 'there is no ringing call to answer');
    try {
      await call.invitation.accept({
        sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
      });
    } catch (error) {
      const failure = new OmniPhoneError(
        'MEDIA',
        `answering failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.emit('error', failure);
      throw failure;
    }
  }

  /** Refuses the ringing bridge call (486 Busy Here): campaign login then fails. */
  async decline(): Promise<void> {
    const call = this.call;
    if (call?.state.status !== 'ringing')
      throw new OmniPhoneError('INVALID_STATE', 'there is no ringing call to decline');
    call.endedBy = 'local';
    await call.invitation.reject({ statusCode: 486 });
  }

  /** Hangs up the bridge call (BYE): Omni logs the agent out of the campaign. */
  async hangup(): Promise<void> {
    const call = this.call;
    if (!call) return;
    call.endedBy = 'local';
    if (call.state.status === 'ringing') {
      await call.invitation.reject({ statusCode: 486 });
      return;
    }
    await call.invitation.bye();
  }

  mute(): void {
    this.setMuted(true);
  }

  unmute(): void {
    this.setMuted(false);
  }

  setMuted(muted: boolean): void {
    const changed = this.isMuted !== muted;
    this.isMuted = muted;
    this.applyMute();
    if (changed) this.emit('mute', { muted });
  }

  private register(): Promise<void> {
    const registerer = this.registerer;
    if (!registerer) return Promise.reject(new OmniPhoneError('INVALID_STATE', 'the phone is not started'));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new OmniPhoneError('REGISTRATION_TIMEOUT', 'the registrar did not answer the REGISTER')),
        this.options.registerTimeoutMs ?? 32_000,
      );
      registerer
        .register({
          requestDelegate: {
            onAccept: () => {
              clearTimeout(timer);
              if (!this.isRegistered) {
                this.isRegistered = true;
                this.emit('registered', { extension: this.options.extension });
              }
              resolve();
            },
            onReject: (response: Core.IncomingResponse) => {
              clearTimeout(timer);
              const { statusCode, reasonPhrase } = response.message;
              reject(
                new OmniPhoneError(
                  'REGISTRATION_REJECTED',
                  `the registrar refused extension ${this.options.extension}: ${statusCode} ${reasonPhrase}`,
                  statusCode,
                ),
              );
            },
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(
            new OmniPhoneError(
              'CONNECTION_FAILED',
              `the REGISTER could not be sent: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
        });
    });
  }

  private unregister(): Promise<void> {
    const registerer = this.registerer;
    if (!registerer) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      registerer.unregister({ requestDelegate: { onAccept: done, onReject: done } }).catch(() => done());
    });
  }

  private async teardown(): Promise<void> {
    const userAgent = this.userAgent;
    const registerer = this.registerer;
    this.userAgent = undefined;
    this.registerer = undefined;
    const call = this.call;
    if (call) {
      this.finishCall(call, call.endedBy ?? 'local');
      call.invitation.dispose().catch(() => undefined);
    }
    await registerer?.dispose().catch(() => undefined);
    if (userAgent) {
      await userAgent.transport.disconnect().catch(() => undefined);
      await userAgent.stop().catch(() => undefined);
    }
  }

  private onInvite(invitation: Invitation): void {
    if (this.call || this.lifecycleState !== 'running') {
      invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const callId = invitation.request.callId;
    const from = invitation.remoteIdentity.uri.toString();
    const offer = invitation.body;
    const call: BridgeCall = {
      invitation,
      state: { callId, from, status: 'ringing', held: offer ? offerHolds(sdpDirection(offer)) : false },
      endedBy: undefined,
      finished: false,
    };
    this.call = call;
    invitation.delegate = {
      onBye: (bye: Bye) => {
        call.endedBy ??= 'remote';
        bye.accept().catch(() => undefined);
      },
      onInvite: (request: Core.IncomingRequestMessage, _response: string, statusCode: number) => {
        if (statusCode !== 200 || !/^m=audio /m.test(request.body)) return;
        const held = offerHolds(sdpDirection(request.body));
        if (held === call.state.held) return;
        call.state.held = held;
        this.emit('hold', { held });
      },
    };
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        call.state.status = 'up';
        this.applyMute();
        this.playRemoteAudio();
        this.emit('bridgeUp', { callId, from, held: call.state.held });
        return;
      }
      if (state === SessionState.Terminated) this.finishCall(call, call.endedBy ?? 'remote');
    });
    if (this.options.autoAnswer ?? true) {
      this.answer().catch(() => undefined);
    } else {
      this.emit('incoming', { callId, from });
    }
  }

  private onDisconnect(error: Error | undefined): void {
    this.emit('connection', { connected: false });
    // Our own disconnect (stop) carries no error.
    if (!error || this.lifecycleState !== 'running') return;
    this.emit('error', new OmniPhoneError('CONNECTION_LOST', error.message));
    if (this.isRegistered) {
      this.isRegistered = false;
      this.emit('unregistered', { reason: 'connection-lost' });
    }
    const call = this.call;
    if (call) {
      // The call cannot go on without its WebSocket; sip.js would wait for an ACK or a BYE answer.
      this.finishCall(call, 'connection-lost');
      call.invitation.dispose().catch(() => undefined);
    }
    if (this.options.reconnect !== false) this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    const reconnect = this.options.reconnect;
    const delays =
      typeof reconnect === 'object' && reconnect.delaysMs.length > 0 ? reconnect.delaysMs : DEFAULT_RECONNECT_DELAYS_MS;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 10_000;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      const userAgent = this.userAgent;
      if (!userAgent || this.lifecycleState !== 'running') return;
      userAgent
        .reconnect()
        .then(() => this.register())
        .catch((error: unknown) => {
          if (this.lifecycleState !== 'running') return;
          const failure =
            error instanceof OmniPhoneError
              ? error
              : new OmniPhoneError('CONNECTION_FAILED', error instanceof Error ? error.message : String(error));
          this.emit('error', failure);
          // A refused REGISTER will be refused again: stop trying.
          if (failure.code !== 'REGISTRATION_REJECTED') this.scheduleReconnect(attempt + 1);
        });
    }, delay);
  }

  /** The bridge call is over for the phone's user: reported once, whatever sip.js does next. */
  private finishCall(call: BridgeCall, by: BridgeDownBy): void {
    if (call.finished) return;
    call.finished = true;
    call.endedBy = by;
    if (this.call === call) this.call = undefined;
    if (call.state.status === 'up') this.emit('bridgeDown', { callId: call.state.callId, by });
    else this.emit('incomingCancelled', { callId: call.state.callId });
  }

  private applyMute(): void {
    const handler = this.call?.invitation.sessionDescriptionHandler;
    if (controlsSenderTracks(handler)) handler.enableSenderTracks(!this.isMuted);
  }

  private playRemoteAudio(): void {
    const element = this.options.remoteAudio;
    const handler = this.call?.invitation.sessionDescriptionHandler;
    if (!element || !hasRemoteStream(handler)) return;
    element.srcObject = handler.remoteMediaStream;
    element
      .play()
      .catch((error: unknown) =>
        this.emit(
          'error',
          new OmniPhoneError(
            'MEDIA',
            `cannot play the call audio: ${error instanceof Error ? error.message : String(error)}`,
          ),
        ),
      );
  }
}
