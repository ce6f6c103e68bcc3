/**
 * The `omnikit-console` command: the only file that reads the process (argv, env, signals). The
 * web app is vite's output in dist/web, found from this file whether it runs from dist/server
 * (built) or src/server (tsx).
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONSOLE_HELP, parseConsoleConfig } from './console-config.js';
import { ConsoleStartError, createConsoleServer } from './create-console-server.js';

const parsed = parseConsoleConfig(process.argv.slice(2), process.env);
if (!parsed.ok) {
  console.error(`omnikit-console: ${parsed.error}\nRun omnikit-console --help for the options.`);
  process.exit(2);
}
const config = parsed.config;
if (config.help) {
  console.log(CONSOLE_HELP);
  process.exit(0);
}
if (config.webDir === undefined) {
  const candidates = ['../web', '../../dist/web'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  config.webDir = candidates.find((dir) => existsSync(`${dir}/index.html`)) ?? candidates[0];
}

const server = createConsoleServer({ config });
let url: string;
try {
  ({ url } = await server.listen());
} catch (error) {
  if (error instanceof ConsoleStartError) {
    console.error(`omnikit-console: ${error.message}`);
    process.exit(2);
  }
  console.error(`omnikit-console: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
  process.exit(1);
}
console.log(
  [
    `OmniKit agent console listening on ${url}`,
    `  target     : ${config.target === 'mock' ? 'the mock' : 'Omni'} at ${config.omniUrl}`,
    `  webhook    : ${config.publicUrl ?? url}/webhooks/omni (set on Omni at each sign-in)`,
    ...(config.downstreamUrl ? [`  downstream : ${config.downstreamUrl}`] : []),
    `  health     : ${url}/health`,
  ].join('\n'),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`omnikit-console: ${signal}: closing event streams and stopping`);
  await server.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
