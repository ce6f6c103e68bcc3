/**
 * A loopback port nothing listens on right now.
 *
 * @module
 */

import { createServer } from 'node:net';

/** Asks the system for a free port on 127.0.0.1 and gives it back at once. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port was given');
  return address.port;
}
