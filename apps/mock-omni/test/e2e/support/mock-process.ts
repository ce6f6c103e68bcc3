/**
 * The mock as a child process for the crash tests: `createMockOmni` on a real database file with a
 * manual clock, listening on 127.0.0.1:0; it reports `{ port }` over IPC and runs until it is
 * killed (or told "exit": then it closes cleanly).
 *   node --conditions=@omnikit/source --import tsx mock-process.ts <db file>
 *
 * @module
 */

import { createMockOmni } from '../../../src/index.js';

const db = process.argv[2];
if (!db) throw new Error('usage: mock-process.ts <db file>');
const mock = await createMockOmni({
  db,
  clock: 'manual',
  seed: 7,
  logger: { info: () => {}, error: (message, error) => console.error(message, error ?? '') },
});
const server = await mock.listen({ port: 0 });
process.send?.({ port: server.port });
process.on('message', (m) => {
  if (m !== 'exit') return;
  void server
    .close()
    .then(() => mock.close())
    .then(() => process.exit(0));
});
