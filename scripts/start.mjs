// `npm start` at the repository root: the mock Omni (seeded demo data, .omnikit/omni.db, real audio to
// WebRTC phones) and the agent console against it. Prints both URLs and the demo agents' sign-in
// credentials; Ctrl-C or SIGTERM stops both and exits 0 (through npm, Ctrl-C exits 130: npm's own code
// for an interrupt). A child that cannot start prints its one line and this exits with its code.
// Runs the built bins (npm start builds first).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HELP = `npm start [-- options]   the mock Omni and the agent console against it

Options:
  --mock-port <n>      the mock's port (default 4010; 0 picks a free one)
  --console-port <n>   the console's port (default 4020; 0 picks a free one)
  --db <path>          the mock's SQLite file (default .omnikit/omni.db; :memory: keeps nothing)
  --clock <mode>       the mock's clock: real | manual | scaled:N (default real: it starts at the
                       current time, so token expiry dates lie ahead; manual starts on Monday 2026-01-05 08:00)
  --media <mode>       audio on the bridge call to a browser phone (default webrtc)
  --reset              start the mock from fresh demo data (deletes the database first)
  --help               print this help`;

const DEMO_AGENTS = [1, 2, 3, 4, 5].map((n) => ({ user: `agent${n}`, password: `password${n}`, extension: `100${n}` }));

let options;
try {
  ({ values: options } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      'mock-port': { type: 'string', default: '4010' },
      'console-port': { type: 'string', default: '4020' },
      db: { type: 'string' },
      clock: { type: 'string', default: 'real' },
      media: { type: 'string', default: 'webrtc' },
      reset: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  }));
} catch (error) {
  console.error(`start: ${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (options.help) {
  console.log(HELP);
  process.exit(0);
}

const root = new URL('..', import.meta.url);
const mockBin = fileURLToPath(new URL('apps/mock-omni/bin/omni-mock.js', root));
const consoleBin = fileURLToPath(new URL('apps/agent-console/bin/omnikit-console.js', root));
for (const dist of ['apps/mock-omni/dist/bundle/omni-mock.js', 'apps/agent-console/dist/server/main.js']) {
  if (!existsSync(fileURLToPath(new URL(dist, root)))) {
    console.error(`start: ${dist} is missing; build first: npx turbo run build (npm start does it)`);
    process.exit(1);
  }
}

/** Children still running, so a signal or a failure stops every one of them. */
const children = new Set();
let stopping = false;

/**
 * Starts a child, echoes its output with a prefix, and resolves with the URL it prints in its
 * "listening on <url>" line (both bins print one once they serve requests). What a child writes to
 * stderr before it listens is held back: when it then exits (a refusal such as "a mock is already
 * using .omnikit/omni.db (pid N, port 4010)"), its own lines are all that is printed, unprefixed.
 */
function start(name, bin, args) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let url;
    /** stderr lines written before the child listened. */
    const early = [];
    const echo = (stream, out, isStderr) => {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buffer += chunk;
        for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (isStderr && url === undefined) {
            early.push(line);
            continue;
          }
          out.write(`[${name}] ${line}\n`);
          const found = / listening on (http:\/\/\S+)/.exec(line);
          if (found && url === undefined) {
            url = found[1];
            for (const held of early.splice(0)) process.stderr.write(`[${name}] ${held}\n`);
            resolve({ child, url });
          }
        }
      });
    };
    echo(child.stdout, process.stdout, false);
    echo(child.stderr, process.stderr, true);
    // 'close', not 'exit': every line the child wrote has been read by then.
    child.on('close', (code, signal) => {
      children.delete(child);
      if (url === undefined) {
        const failure = new Error(`${name} exited before listening (code ${code ?? signal})`);
        failure.exitCode = code || 1;
        failure.explained = early.length > 0;
        for (const line of early) process.stderr.write(`${line}\n`);
        reject(failure);
      } else if (!stopping) {
        console.error(`start: ${name} stopped unexpectedly (code ${code ?? signal}); stopping the rest`);
        void stopAll(code === 0 || code === null ? 1 : code);
      }
    });
  });
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map(
    (child) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  );
  // A child that ignores SIGTERM for 10 s is killed: stopping must end.
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 10_000);
  await Promise.all(exits);
  clearTimeout(force);
  process.exit(exitCode);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** A port free now on 127.0.0.1 (the console's, known before the mock starts). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(String(port)));
    });
  });
}

try {
  // The mock serves its control API to its own pages and to the console's origin only: the
  // console's port is fixed first so that the mock can be told it.
  const consolePort = options['console-port'] === '0' ? await freePort() : options['console-port'];
  const mockArgs = ['--port', options['mock-port'], '--clock', options.clock, '--media', options.media];
  for (const host of ['127.0.0.1', 'localhost']) mockArgs.push('--allow-origin', `http://${host}:${consolePort}`);
  // The repository's demo database, wherever npm start runs from (the bin alone defaults to the
  // user's data directory).
  mockArgs.push('--db', options.db ?? fileURLToPath(new URL('.omnikit/omni.db', root)));
  if (options.reset) mockArgs.push('--reset');
  const mock = await start('mock', mockBin, mockArgs);
  const consoleServer = await start('console', consoleBin, ['--omni-url', mock.url, '--port', consolePort]);
  const rows = DEMO_AGENTS.map((a) => `    ${a.user.padEnd(8)} ${a.password.padEnd(11)} extension ${a.extension}`);
  console.log(
    [
      '',
      'OmniKit is running:',
      `  agent console : ${consoleServer.url}   ← open this in a browser`,
      `  mock Omni     : ${mock.url}   (API reference ${mock.url}/docs)`,
      '  sign in to the console as one of the demo agents:',
      ...rows,
      'Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
} catch (error) {
  // A child that refused to start has said why in its own line(s): nothing to add.
  if (!error.explained) console.error(`start: ${error.message}`);
  await stopAll(error.exitCode ?? 1);
}
