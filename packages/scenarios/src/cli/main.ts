/**
 * The `omnikit-scenarios` executable: the only file that reads the process (argv, env, signals,
 * the exit status); everything else is `runCli` over injected output.
 *
 * @module
 */

import { INTERRUPTED, runCli } from './run-cli.js';

const stop = new AbortController();
process.once('SIGINT', () => {
  console.error('interrupted: cleaning up (Ctrl-C again to quit at once)');
  stop.abort();
  process.once('SIGINT', () => process.exit(INTERRUPTED));
});
const code = await runCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  env: process.env,
  signal: stop.signal,
});
process.exit(code);
