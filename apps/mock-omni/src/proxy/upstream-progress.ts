/**
 * How far a request to the target (or to the tap's CRM) got before it failed, and the words that
 * say so: a target that cannot be connected to is another failure than one that took the
 * connection and then answered something that is not HTTP (another protocol on that port, a
 * connection closed at once), and both differ from an https target whose TLS handshake failed and
 * from an answer that broke off half-way. "Cannot reach" said all four the same way.
 *
 * @module
 */

import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';

export class UpstreamProgress {
  /** The TCP connection is up. */
  connected = false;
  /** The TLS handshake is done (always, for plain http). */
  secured: boolean;
  /** A status line and headers came back. */
  responded = false;
  private readonly waiting: (() => void)[] = [];

  /**
   * Watches `request` from its socket on. `onReady` runs once the connection can carry the request
   * (connected, and secured for https): at once for a kept-alive socket.
   */
  constructor(
    request: ClientRequest,
    private readonly tls: boolean,
  ) {
    this.secured = !tls;
    request.on('socket', (socket: Socket) => {
      if (!socket.connecting) {
        // A kept-alive socket, connected (and secured) when it served an earlier request.
        this.connected = true;
        this.secured = true;
        this.ready();
        return;
      }
      socket.once('connect', () => {
        this.connected = true;
        if (!this.tls) this.ready();
      });
      if (this.tls) {
        socket.once('secureConnect', () => {
          this.secured = true;
          this.ready();
        });
      }
    });
    request.on('response', () => {
      this.responded = true;
    });
  }

  /** Whether the connection can carry the request. */
  get isReady(): boolean {
    return this.connected && this.secured;
  }

  /** Runs `then` once the connection can carry the request (at once when it already can). */
  whenReady(then: () => void): void {
    if (this.isReady) then();
    else this.waiting.push(then);
  }

  private ready(): void {
    for (const then of this.waiting.splice(0)) then();
  }

  /** What went wrong with the request to `origin`, in words, from the error it failed with. */
  failure(origin: string, error: Error): string {
    const message = error.message.trim();
    if (this.responded) return `the answer of ${origin} broke off: ${message}`;
    if (!this.connected) return `cannot connect to ${origin}: ${message}`;
    if (!this.secured) return `connected to ${origin}, but the TLS handshake failed: ${message}`;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // llhttp's parse errors (HPE_…) are bytes that are no HTTP; a reset or hang-up is a connection
    // closed before any status line came.
    const why = code.startsWith('HPE_') ? message : `the connection closed with no answer (${message})`;
    return `connected to ${origin}, but the answer was not HTTP: ${why}`;
  }
}
