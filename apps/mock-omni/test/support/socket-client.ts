/**
 * A mock on a SQLite file of its own (in a temporary folder, removed when it closes), served over real HTTP on
 * 127.0.0.1 (a free port), with the tests' `OmniTestClient` sending every request through that socket: the same
 * helpers as the in-process tests, over the wire.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Listening, MockOmni, MockOmniOptions } from '../../src/index.js';
import { OmniTestClient, startMock } from './omni-client.js';

export interface MockOverHttp {
  mock: MockOmni;
  server: Listening;
  /** The default system's client; its requests go over the socket. */
  client: OmniTestClient;
  /** Stops the listener, then the mock, and removes the database's folder. */
  close(): Promise<void>;
}

/** Starts the mock (manual clock) on a new database file, listening on 127.0.0.1 at a port the system picks. */
export async function startMockOverHttp(options: MockOmniOptions = {}): Promise<MockOverHttp> {
  const dir = mkdtempSync(join(tmpdir(), 'omni-mock-http-'));
  const { mock } = await startMock({ db: join(dir, 'omni.db'), ...options });
  const server = await mock.listen({ port: 0, host: '127.0.0.1' });
  const overSocket: MockOmni = {
    ...mock,
    fetch: (request: Request) => {
      const url = new URL(request.url);
      return fetch(new Request(`${server.url}${url.pathname}${url.search}`, request));
    },
  };
  return {
    mock,
    server,
    client: new OmniTestClient(overSocket, mock.defaultSystemKey, options.adminKey),
    async close() {
      await server.close();
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
