/**
 * Servers on 127.0.0.1 that misbehave below HTTP for the proxy's tests — a target or a CRM that takes the connection
 * and never answers, speaks something else, or cuts off — and their closing after each test: every connection
 * destroyed (a silent server's sockets would keep `close()` waiting), every server closed.
 *
 * @module
 */

import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

export class TcpTargets {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();

  /** A TCP server that does what `onSocket` says with each connection; answers its `127.0.0.1:<port>`. */
  async listen(onSocket: (socket: Socket) => void): Promise<string> {
    const server = createServer((socket) => {
      this.keepSocket(socket);
      onSocket(socket);
    });
    return `127.0.0.1:${await this.listenOn(server)}`;
  }

  /** Starts `server` (an HTTP one, say) on a free port of 127.0.0.1, closed with the rest; answers the port. */
  async listenOn(server: Server): Promise<number> {
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  /** A socket of the test's own (a client filling a backlog), destroyed with the rest. */
  keepSocket(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => {});
    return socket;
  }

  /** Closes the server started last: its address then refuses connections. */
  async closeLatest(): Promise<void> {
    const server = this.servers.pop();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  async closeAll(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all(
      this.servers.splice(0).map((s) => {
        const closed = new Promise((resolve) => s.close(resolve));
        // An HTTP server's kept-alive and in-flight connections are not among the sockets above.
        (s as Partial<Pick<HttpServer, 'closeAllConnections'>>).closeAllConnections?.();
        return closed;
      }),
    );
  }
}
