import { type Core, EmitterImpl, type Transport, TransportState } from 'sip.js';

/**
 * What a server-side sip.js user agent needs from the WebSocket the server already accepted. The
 * connection owns the socket; the transport only sends on it and is told when it is gone.
 */
export interface TransportLink {
  send(text: string): boolean;
  isOpen(): boolean;
  attach(transport: ConnectionTransport): void;
}

/**
 * A sip.js `Transport` over one accepted WebSocket. States follow sip.js's contract: it starts
 * `Disconnected`; `connect()` moves to `Connected` at once (the socket is already open) unless the
 * socket is gone; `disconnect()`/`dispose()` return to `Disconnected` without closing the socket
 * (the phone's registration may outlive the user agent); the socket closing moves it to
 * `Disconnected` with an error. Incoming messages do not pass through here: the connection parses
 * each frame once and hands it to the user agent core directly.
 */
export class ConnectionTransport implements Transport {
  readonly protocol = 'WS';
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private current: TransportState = TransportState.Disconnected;
  private readonly emitter = new EmitterImpl<TransportState>();
  private readonly link: TransportLink;

  constructor(_logger: Core.Logger, options: { link: TransportLink }) {
    this.link = options.link;
    this.link.attach(this);
  }

  get state(): TransportState {
    return this.current;
  }

  get stateChange(): EmitterImpl<TransportState> {
    return this.emitter;
  }

  async connect(): Promise<void> {
    if (this.current === TransportState.Connected) return;
    if (!this.link.isOpen()) throw new Error('the phone’s WebSocket is closed');
    this.transition(TransportState.Connected);
  }

  async disconnect(): Promise<void> {
    if (this.current === TransportState.Disconnected) return;
    this.transition(TransportState.Disconnected);
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  async send(message: string): Promise<void> {
    if (this.current !== TransportState.Connected) throw new Error('not connected');
    if (!this.link.send(message)) throw new Error('the phone’s WebSocket is closed');
  }

  /** The socket closed under us. */
  lost(): void {
    if (this.current === TransportState.Disconnected) return;
    this.transition(TransportState.Disconnected, new Error('the phone’s WebSocket closed'));
  }

  private transition(next: TransportState, error?: Error): void {
    const previous = this.current;
    this.current = next;
    this.emitter.emit(next);
    if (next === TransportState.Connected) this.onConnect?.();
    else if (previous === TransportState.Connected) this.onDisconnect?.(error);
  }
}
