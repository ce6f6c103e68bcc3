import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBanner } from './cli/banner.js';
import { HELP_TEXT, isLoopback, parseCliArgs } from './cli/parse-cli-args.js';
import { createMockOmni, STRICT_TEST_LINES } from './create-mock-omni.js';
import { MOCK_VERSION } from './version.js';

/**
 * The `omni-mock` command: the only file that reads the process (argv, signals) and wires the
 * real dependencies. The default database is `.omnikit/omni.db` under the repository root, found
 * from this file (src/ or dist/ of apps/mock-omni), not from the working directory.
 */
const parsed = parseCliArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`omni-mock: ${parsed.error}\nRun omni-mock --help for the options.`);
  process.exit(2);
}
const cli = parsed.options;
if (cli.help) {
  console.log(HELP_TEXT);
  process.exit(0);
}
if (cli.version) {
  console.log(MOCK_VERSION);
  process.exit(0);
}

const db = cli.db ?? fileURLToPath(new URL('../../../.omnikit/omni.db', import.meta.url));
if (cli.reset && db !== ':memory:') {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
}

const mock = await createMockOmni({
  db,
  seed: cli.seed,
  clock: cli.clock,
  ...(cli.clockStart ? { clockStart: cli.clockStart } : {}),
  ...(cli.adminKey ? { adminKey: cli.adminKey } : {}),
  protectControl: !isLoopback(cli.host),
  validateResponses: cli.validateResponses,
  strict: cli.strict,
  sip: { answerTimeoutMs: cli.bridgeAnswerTimeoutMs, media: cli.media },
  ...(cli.statsSeconds ? { stats: { intervalMs: cli.statsSeconds * 1000, write: (line) => console.log(line) } } : {}),
});
let server: Awaited<ReturnType<typeof mock.listen>>;
try {
  server = await mock.listen({ port: cli.port, host: cli.host });
} catch (error) {
  console.error(`omni-mock: cannot listen on ${cli.host}:${cli.port}: ${(error as Error).message}`);
  await mock.close();
  process.exit(1);
}
console.log(
  startBanner({
    url: server.url,
    db,
    clock: cli.clock,
    version: MOCK_VERSION,
    bridgeAnswerTimeoutMs: cli.bridgeAnswerTimeoutMs,
    ...(cli.strict ? { strict: { testLines: STRICT_TEST_LINES } } : {}),
    media: cli.media,
  }),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`omni-mock: ${signal}: finishing requests in flight and closing the database`);
  await mock.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
