/**
 * Runs a mock in its own process for the overhead bench, so the server's work does not share the
 * client's event loop: prints its base URL on stdout, stops on SIGTERM or when stdin closes.
 *
 * @module
 */

import { createMockOmni } from '@omnikit/mock-omni';

const mock = await createMockOmni({
  clock: 'manual',
  seed: 1,
  validateResponses: false,
  logger: { info: () => {}, error: () => {} },
});
const server = await mock.listen({ port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url, systemKey: mock.defaultSystemKey })}\n`);

const stop = async () => {
  await server.close();
  await mock.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
