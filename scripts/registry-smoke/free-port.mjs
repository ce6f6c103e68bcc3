/**
 * A free loopback port, for a server whose port must be known before it starts.
 *
 * @module
 */

import { createServer } from 'node:net';

/** A port nothing listens on at 127.0.0.1 now (the OS picks it; the caller binds it at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
