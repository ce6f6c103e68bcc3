/**
 * How far a request to the target (or to the tap's CRM) got before it failed, and the words that
 * say so: a target that cannot be connected to is another failure than one that took the
 * connection and then answered something that is not HTTP (another protocol on that port, a
 * connection closed at once), and both differ from an https target whose TLS handshake failed and
 * from an answer that broke off half-way. "Cannot reach" said all four the same way. The same four
 * are the kinds of target failure the drift report counts.
 *
 * @module
 */

import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { TargetFailureKind } from '@omnikit/contracts/drift';

export class UpstreamProgress {
  /** The TCP connection is up. */
  connected = false;
  /** The TLS handshake is done (always, for plain http). */
  secured: boolean;
  /** A status line and headers came back. */
  responded = false;
  private readonly waiting: (() => void)[] = [];
  private socket: Socket | undefined;
  /** The socket's `bytesRead` when it took this request (a kept-alive socket has read earlier answers). */
  private bytesBefore = 0;

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
      this.socket = socket;
      this.bytesBefore = socket.bytesRead;
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

  /** Whether any byte came back for this request (a status line begun counts). */
  get heardAnything(): boolean {
    return this.responded || (this.socket !== undefined && this.socket.bytesRead > this.bytesBefore);
  }

  /** How far the request got, had it failed now: the kind of failure {@link failure} puts in words. */
  get failureKind(): TargetFailureKind {
    if (this.responded) return 'cut-off';
    if (!this.connected) return 'unreachable';
    if (!this.secured) return 'tls';
    return 'not-http';
  }

  /** What went wrong with the request to `origin`, in words, from the error it failed with. */
  failure(origin: string, error: Error): string {
    const message = error.message.trim();
    const kind = this.failureKind;
    if (kind === 'cut-off') return `the answer of ${origin} broke off: ${message}`;
    if (kind === 'unreachable') return `cannot connect to ${origin}: ${message}`;
    if (kind === 'tls') return `connected to ${origin}, but the TLS handshake failed: ${message}`;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // llhttp's parse errors (HPE_…) are bytes that are no HTTP; a reset or hang-up is a connection
    // closed before any status line came.
    const why = code.startsWith('HPE_') ? message : `the connection closed with no answer (${message})`;
    return `connected to ${origin}, but the answer was not HTTP: ${why}`;
  }
}
