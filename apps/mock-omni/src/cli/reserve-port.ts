import { createServer, type Server } from 'node:net';

export type PortReservation = { ok: true; release(): Promise<void> } | { ok: false; problem: string };

/**
 * Binds `host:port` before the database is touched, so that a port in use is reported before any
 * migration, and holds it until the mock listens for real (released just before, in the same turn
 * of work). Port 0 needs no reservation: the system picks a free one when the mock listens.
 */
export async function reservePort(host: string, port: number): Promise<PortReservation> {
  if (port === 0) return { ok: true, release: async () => {} };
  // A client that connects while the port is only held (a health poller, a test waiting for the
  // mock) is dropped at once, as if nothing listened yet: kept open, it would stall close() and
  // with it the start.
  const server: Server = createServer((socket) => socket.destroy());
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, exclusive: true }, () => resolve());
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (code === 'EADDRINUSE') {
      return {
        ok: false,
        problem: `port ${port} is already in use on ${host}: stop what listens on ${where}, or pick another --port (0 picks a free one)`,
      };
    }
    if (code === 'EACCES') {
      return {
        ok: false,
        problem: `not allowed to listen on ${where} (a port below 1024 needs privileges): pick another --port`,
      };
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      return {
        ok: false,
        problem: `--host ${host} is not an address of this machine: give one it has, e.g. --host 127.0.0.1`,
      };
    }
    return {
      ok: false,
      problem: `cannot listen on ${where} (${code ?? (error as Error).message}): pick another --port or --host`,
    };
  }
  return {
    ok: true,
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
