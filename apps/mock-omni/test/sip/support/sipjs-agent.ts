import {
  type Core,
  type Invitation,
  Registerer,
  RegistererState,
  type SessionDescriptionHandlerFactory,
  UserAgent,
} from 'sip.js';
import { WebSocket } from 'ws';
import { createFakeSessionDescriptionHandlerFactory } from '../../../src/sip/fake-session-description-handler.js';

/**
 * `ws` with one message per tick (sip.js answers a re-INVITE right behind an ACK with 500
 * otherwise), installed as the global WebSocket sip.js's own transport uses in Node.
 */
class SipWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { allowSynchronousEvents: false });
  }
}

export function installWebSocketGlobal(): void {
  (globalThis as { WebSocket?: unknown }).WebSocket = SipWebSocket;
}

export interface RawAgentOptions {
  url: string;
  extension: string;
  password: string;
  domain?: string;
  expires?: number;
  /** Answer INVITEs at once (default true). */
  autoAnswer?: boolean;
  mediaFactory?: SessionDescriptionHandlerFactory;
}

/**
 * A plain sip.js 0.21 user agent, as an integrator's own webphone would be, with fake media by default: SDP in WebRTC's
 * shape without candidates (as the sdk's headless phone), which the mock takes as a phone with no audio.
 */
export class RawAgent {
  readonly ua: UserAgent;
  readonly registerer: Registerer;
  readonly invitations: Invitation[] = [];
  readonly statusCodes: number[] = [];
  private readonly invitationWaiters: ((invitation: Invitation) => void)[] = [];

  constructor(readonly options: RawAgentOptions) {
    const domain = options.domain ?? 'omni.mock';
    this.ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${options.extension}@${domain}`),
      authorizationUsername: options.extension,
      authorizationPassword: options.password,
      transportOptions: { server: options.url },
      sessionDescriptionHandlerFactory: options.mediaFactory ?? createFakeSessionDescriptionHandlerFactory(),
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: 'error',
      gracefulShutdown: false,
      delegate: {
        onInvite: (invitation) => {
          this.invitations.push(invitation);
          const waiter = this.invitationWaiters.shift();
          waiter?.(invitation);
          if (options.autoAnswer ?? true) invitation.accept().catch(() => undefined);
        },
      },
    });
    this.registerer = new Registerer(this.ua, {
      expires: options.expires ?? 600,
      registrar: UserAgent.makeURI(`sip:${domain}`),
    });
  }

  start(): Promise<void> {
    return this.ua.start();
  }

  /** Sends a REGISTER (or refresh); resolves with the final status code. */
  register(): Promise<number> {
    return this.send((delegate) => this.registerer.register({ requestDelegate: delegate }));
  }

  /** Sends an un-REGISTER; resolves with the final status code. */
  unregister(all = false): Promise<number> {
    return this.send((delegate) => this.registerer.unregister({ all, requestDelegate: delegate }));
  }

  get registered(): boolean {
    return this.registerer.state === RegistererState.Registered;
  }

  nextInvitation(timeoutMs = 5_000): Promise<Invitation> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no INVITE reached the agent')), timeoutMs);
      this.invitationWaiters.push((invitation) => {
        clearTimeout(timer);
        resolve(invitation);
      });
    });
  }

  async stop(): Promise<void> {
    await this.ua.transport.disconnect().catch(() => undefined);
    await this.ua.stop().catch(() => undefined);
  }

  private send(
    run: (delegate: {
      onAccept(response: Core.IncomingResponse): void;
      onReject(response: Core.IncomingResponse): void;
    }) => Promise<unknown>,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no final answer to the REGISTER')), 5_000);
      const done = (response: Core.IncomingResponse) => {
        clearTimeout(timer);
        this.statusCodes.push(response.message.statusCode ?? 0);
        resolve(response.message.statusCode ?? 0);
      };
      run({ onAccept: done, onReject: done }).catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }
}
