import { type Core, EmitterImpl, type Transport, TransportState } from 'sip.js';

/**
 * The part of the WHATWG WebSocket API the phone uses (browsers' `WebSocket`, or `ws` in Node).
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import type { WebSocketLike } from '@omnikit/sdk';
 *
 * const socket: WebSocketLike = new WebSocket('ws://127.0.0.1:4010/ws', 'sip');
 * socket.addEventListener('open', () => console.log('open, subprotocol', socket.protocol));
 * ```
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: WebSocketEventLike) => void): void;
}

/**
 * The fields of a WebSocket event the phone reads.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import type { WebSocketEventLike, WebSocketLike } from '@omnikit/sdk';
 *
 * const socket: WebSocketLike = new WebSocket('ws://127.0.0.1:4010/ws', 'sip');
 * socket.addEventListener('close', (event: WebSocketEventLike) => console.log('closed', event.code, event.reason));
 * ```
 */
export interface WebSocketEventLike {
  type: string;
  data?: unknown;
  code?: number;
  reason?: string;
}

/**
 * A WebSocket class the phone can open its connection with: the browser's, or `ws`'s in Node.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import { OmniPhone, type WebSocketConstructor } from '@omnikit/sdk';
 *
 * const Socket: WebSocketConstructor = WebSocket; // `ws` in Node; the global one in browsers
 * const phone = new OmniPhone({
 *   server: 'ws://127.0.0.1:4010/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   WebSocket: Socket,
 * });
 * ```
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface WebSocketTransportOptions {
  server: string;
  WebSocket: WebSocketConstructor;
  /** Default 10 s. */
  connectionTimeoutMs?: number;
  /** CRLF keep-alive ping interval (RFC 5626); 0 disables. */
  keepAliveIntervalMs?: number;
}

const OPEN = 1;

/**
 * sip.js `Transport` over a WebSocket built by a constructor the caller supplies, so the same code
 * runs in browsers (their `WebSocket`) and Node (`ws`), with no Node import on the browser path.
 *
 * States (sip.js's transport contract): `Disconnected` → `connect()` → `Connecting` → socket open
 * with the `sip` subprotocol → `Connected`; a failed or timed-out open → `Disconnected` and
 * `connect()` rejects; `disconnect()` → `Disconnecting` → socket closed → `Disconnected`; the
 * socket closing by itself while `Connected` → `Disconnected` with an error (`onDisconnect`).
 *
 * Incoming frames are handed to sip.js one per task: Node's `ws` may deliver several frames in
 * one tick, and sip.js answers a re-INVITE arriving right behind the ACK it is still processing
 * with 500. Browsers already deliver one frame per task.
 */
export class WebSocketTransport implements Transport {
  readonly protocol: string;
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private current: TransportState = TransportState.Disconnected;
  private readonly emitter = new EmitterImpl<TransportState>();
  private readonly options: WebSocketTransportOptions;
  private socket: WebSocketLike | undefined;
  private connecting: Promise<void> | undefined;
  private disconnecting: Promise<void> | undefined;
  private disconnectDone: (() => void) | undefined;
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  private readonly inbox: string[] = [];
  private draining = false;

  constructor(_logger: Core.Logger, options: WebSocketTransportOptions) {
    const scheme = /^(wss?):\/\//i.exec(options.server);
    if (!scheme?.[1]) throw new Error(`the phone server must be a ws:// or wss:// URL, not "${options.server}"`);
    this.protocol = scheme[1].toUpperCase();
    this.options = options;
  }

  get state(): TransportState {
    return this.current;
  }

  get stateChange(): EmitterImpl<TransportState> {
    return this.emitter;
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.current === TransportState.Connected) return Promise.resolve();
    if (this.current === TransportState.Connecting && this.connecting) return this.connecting;
    if (this.current === TransportState.Disconnecting && this.disconnecting) {
      return this.disconnecting.then(() => this.connect());
    }
    this.transition(TransportState.Connecting);
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocket(this.options.server, 'sip');
    } catch (error) {
      this.transition(TransportState.Disconnected, error instanceof Error ? error : new Error(String(error)));
      return Promise.reject(error);
    }
    this.socket = socket;
    const attempt = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.socket !== socket || this.current !== TransportState.Connecting) return;
        this.socket = undefined;
        socket.close();
        const error = new Error(`no WebSocket connection to ${this.options.server} within the timeout`);
        this.transition(TransportState.Disconnected, error);
        reject(error);
      }, this.options.connectionTimeoutMs ?? 10_000);
      socket.addEventListener('open', () => {
        if (this.socket !== socket) return;
        clearTimeout(timer);
        if (socket.protocol !== 'sip') {
          this.socket = undefined;
          socket.close(1002, 'the sip subprotocol was not selected');
          const error = new Error(`${this.options.server} did not select the sip WebSocket subprotocol`);
          this.transition(TransportState.Disconnected, error);
          reject(error);
          return;
        }
        this.transition(TransportState.Connected);
        this.startKeepAlive();
        resolve();
      });
      socket.addEventListener('close', (event) => {
        if (this.socket !== socket) return;
        clearTimeout(timer);
        this.socket = undefined;
        this.stopKeepAlive();
        const expected = this.current === TransportState.Disconnecting;
        const error = expected
          ? undefined
          : new Error(`the WebSocket to ${this.options.server} closed (code ${event.code ?? 'unknown'})`);
        this.transition(TransportState.Disconnected, error);
        this.disconnectDone?.();
        // Settles a pending connect() (a no-op once it resolved).
        reject(error ?? new Error('the connection attempt was aborted'));
      });
      socket.addEventListener('message', (event) => this.receive(event.data));
      // An error is always followed by close, which carries the state change.
      socket.addEventListener('error', () => undefined);
    });
    this.connecting = attempt;
    return attempt.finally(() => {
      if (this.connecting === attempt) this.connecting = undefined;
    });
  }

  disconnect(): Promise<void> {
    if (this.current === TransportState.Disconnected) return Promise.resolve();
    if (this.current === TransportState.Disconnecting && this.disconnecting) return this.disconnecting;
    const socket = this.socket;
    this.transition(TransportState.Disconnecting);
    this.stopKeepAlive();
    if (!socket || socket.readyState > OPEN) {
      this.socket = undefined;
      this.transition(TransportState.Disconnected);
      return Promise.resolve();
    }
    this.disconnecting = new Promise<void>((resolve) => {
      // A peer that never completes the closing handshake must not hang the caller.
      const timer = setTimeout(() => {
        if (this.socket === socket) {
          this.socket = undefined;
          this.transition(TransportState.Disconnected);
        }
        resolve();
      }, 2_000);
      this.disconnectDone = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.disconnecting = undefined;
      this.disconnectDone = undefined;
    });
    socket.close(1000);
    return this.disconnecting;
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  async send(message: string): Promise<void> {
    const socket = this.socket;
    if (this.current !== TransportState.Connected || !socket || socket.readyState !== OPEN) {
      throw new Error('the phone is not connected');
    }
    socket.send(message);
  }

  private receive(data: unknown): void {
    let text: string;
    if (typeof data === 'string') text = data;
    else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) text = new TextDecoder().decode(data);
    else return;
    // The server's CRLF keep-alive pong, or a stray keep-alive: nothing for sip.js.
    if (/^(\r\n)+$/.test(text)) return;
    this.inbox.push(text);
    if (this.draining) return;
    this.draining = true;
    setTimeout(() => this.drain(), 0);
  }

  private drain(): void {
    const next = this.inbox.shift();
    if (next !== undefined && this.current === TransportState.Connected) this.onMessage?.(next);
    if (this.inbox.length > 0) setTimeout(() => this.drain(), 0);
    else this.draining = false;
  }

  private startKeepAlive(): void {
    const interval = this.options.keepAliveIntervalMs ?? 0;
    if (interval <= 0) return;
    this.keepAliveTimer = setInterval(() => {
      if (this.socket?.readyState === OPEN) this.socket.send('\r\n\r\n');
    }, interval);
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer !== undefined) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }

  private transition(next: TransportState, error?: Error): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.emitter.emit(next);
    if (next === TransportState.Connected) this.onConnect?.();
    else if (previous === TransportState.Connected) this.onDisconnect?.(error);
  }
}
