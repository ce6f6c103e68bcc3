import { Core, type UserAgent } from 'sip.js';
import type { WebSocket } from 'ws';
import type { Binding } from './binding-table.js';
import type { BridgeConnection } from './bridge-leg.js';
import type { ConnectionTransport, TransportLink } from './connection-transport.js';
import type { RegistrarConnection } from './registrar.js';

/**
 * One phone's WebSocket. It owns the bindings registered over it (they die with it: a closed
 * WebSocket flow cannot be reached again) and, created only when first needed, a sip.js user
 * agent running on it for everything that is not REGISTER (bridge INVITEs, BYE, re-INVITE, a
 * phone's OPTIONS). States: `open` until the socket closes, then `lost` for good.
 */
export class SipConnection implements RegistrarConnection, TransportLink, BridgeConnection {
  readonly bindings = new Set<Binding<SipConnection>>();
  /** Set by the keep-alive sweep before a ping, cleared by the pong. */
  awaitingPong = false;
  private open = true;
  private transport: ConnectionTransport | undefined;
  private agent: UserAgent | undefined;
  private readonly lostListeners = new Set<() => void>();

  constructor(
    readonly id: string,
    /** Which keep-alive slot pings this connection (see the edge's ping timer). */
    readonly pingSlot: number,
    readonly socket: WebSocket,
    readonly systemRef: string | undefined,
    readonly remoteAddress: string | undefined,
    private readonly createUserAgent: (link: TransportLink) => UserAgent,
  ) {}

  send(text: string): boolean {
    if (!this.open || this.socket.readyState !== this.socket.OPEN) return false;
    this.socket.send(text);
    return true;
  }

  isOpen(): boolean {
    return this.open;
  }

  attach(transport: ConnectionTransport): void {
    this.transport = transport;
  }

  /** The connection's user agent, created and started on first use. */
  userAgent(): UserAgent {
    if (!this.agent) {
      const agent = this.createUserAgent(this);
      this.agent = agent;
      // start() moves the agent to Started synchronously; the transport connects at once.
      agent.start().catch(() => undefined);
    }
    return this.agent;
  }

  get hasUserAgent(): boolean {
    return this.agent !== undefined;
  }

  /**
   * Hands a parsed non-REGISTER message to the user agent core, applying the sanity checks
   * sip.js's own transport path would (it is parsed once, here, not again by sip.js).
   */
  deliver(message: Core.IncomingRequestMessage | Core.IncomingResponseMessage): void {
    if (!this.open) return;
    if (message instanceof Core.IncomingRequestMessage) {
      this.userAgent().userAgentCore.receiveIncomingRequestFromTransport(message);
      return;
    }
    const agent = this.agent;
    // A response for a user agent that never sent anything: drop it.
    if (!agent) return;
    if (message.getHeaders('via').length > 1) return;
    if (message.via.host !== agent.configuration.viaHost || message.via.port !== undefined) return;
    agent.userAgentCore.receiveIncomingResponseFromTransport(message);
  }

  onLost(listener: () => void): () => void {
    if (!this.open) {
      listener();
      return () => undefined;
    }
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** The socket closed: bridge legs end, the user agent stops (its dialogs and timers go). */
  lost(): void {
    if (!this.open) return;
    this.open = false;
    const listeners = [...this.lostListeners];
    this.lostListeners.clear();
    for (const listener of listeners) listener();
    this.transport?.lost();
    this.agent?.stop().catch(() => undefined);
  }
}
