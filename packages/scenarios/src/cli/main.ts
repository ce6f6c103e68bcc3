import { runCli } from './run-cli.js';

// The only file that reads the process: argv, env, the exit status.
const code = await runCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  env: process.env,
});
process.exit(code);
