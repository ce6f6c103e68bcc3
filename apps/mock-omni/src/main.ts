/**
 * The `omni-mock` command: the only file that reads the process (argv, signals) and wires the real dependencies.
 * `omni-mock proxy …` runs the validating, recording proxy instead of the mock; `omni-mock cluster …` runs workers
 * behind HAProxy.
 * Without `--db` the database lives in the user's data directory, the same one whichever folder (or npx cache) the
 * command runs from.
 *
 * @module
 */

import { homedir, hostname } from 'node:os';
import { capOldGenerationGrowth } from './cli/old-generation.js';
import { type CliOptions, HELP_TEXT, parseCommand } from './cli/parse-cli-args.js';
import { PROXY_HELP_TEXT, type ProxyCliOptions } from './cli/parse-proxy-args.js';
import { preflight } from './cli/preflight.js';
import { proxyExitLines, proxyQuittingLine, proxyStoppingLine } from './cli/proxy-exit-lines.js';
import { shownPath } from './cli/shown-path.js';
import { stopOnSignals } from './cli/stop-on-signals.js';
import { defaultDatabasePath } from './cli/user-data-directory.js';
import { capYoungGeneration } from './cli/young-generation.js';
import { MOCK_VERSION } from './version.js';

if (process.argv[2] === 'simulate') {
  const { runSimulateCli } = await import('./simulate/simulate-cli.js');
  const { accessSync, constants, mkdirSync, readFileSync, statSync, writeFileSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  process.exit(
    await runSimulateCli(process.argv.slice(3), {
      stdout: (line) => console.log(line),
      stderr: (line) => console.error(line),
      readFile: (path) => readFileSync(path, 'utf8'),
      writeFile: (path, text) => writeFileSync(path, text),
      prepareReport: (path) => {
        try {
          if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
            return 'it is a directory: give a file name, e.g. --report simulated-day.html';
          mkdirSync(dirname(path), { recursive: true });
          accessSync(dirname(path), constants.W_OK);
          if (statSync(path, { throwIfNoEntry: false })) accessSync(path, constants.W_OK);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
      uplot: () => ({
        js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
        css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
      }),
    }),
  );
}

if (process.argv[2] === 'replay') {
  const { runReplayCommand } = await import('./replay/replay-command.js');
  const stopped = new Promise<string>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
  const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line), stopped };
  process.exit(await runReplayCommand(process.argv.slice(3), io));
}

if (process.argv[2] === 'system') {
  const { runSystemCommand } = await import('./cli/system-command.js');
  process.exit(
    runSystemCommand(process.argv.slice(3), { out: (line) => console.log(line), err: (line) => console.error(line) }),
  );
}

if (process.argv[2] === 'cluster') {
  const { runClusterCommand } = await import('./cluster/cluster-command.js');
  // The first signal stops the cluster, a second quits at once. SIGHUP too: a closed terminal must not leave its
  // processes running (they have process groups of their own, which a hang-up does not reach). The cluster command
  // exits itself once its processes are stopped (or told to quit).
  let resolveStopped: (signal: string) => void = () => {};
  let resolveAgain: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    resolveStopped = resolve;
  });
  const again = new Promise<string>((resolve) => {
    resolveAgain = resolve;
  });
  stopOnSignals({
    graceful: async (signal) => resolveStopped(signal),
    quitting: resolveAgain,
    exit: () => {},
    signals: ['SIGINT', 'SIGTERM', 'SIGHUP'],
  });
  // A closed terminal (EIO) or reader (EPIPE) must not end the supervisor before it has stopped its processes.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const script = process.argv[1];
  if (script === undefined) throw new Error('omni-mock cluster: cannot tell which script runs the mock');
  process.exit(
    await runClusterCommand(process.argv.slice(3), {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      stopped,
      again,
      // Each worker is this same command (with this Node's own flags), as a plain mock.
      workerCommand: { command: process.execPath, args: [...process.execArgv, script] },
      env: process.env,
    }),
  );
}

const parsed = parseCommand(process.argv.slice(2));
if (!parsed.ok) {
  const help = parsed.command === 'proxy' ? 'omni-mock proxy --help' : 'omni-mock --help';
  console.error(
    `omni-mock${parsed.command === 'proxy' ? ' proxy' : ''}: ${parsed.error}\nRun ${help} for the options.`,
  );
  process.exit(2);
}
if (parsed.command === 'proxy') {
  if (parsed.options.help) {
    console.log(PROXY_HELP_TEXT);
    process.exit(0);
  }
  await runProxy(parsed.options);
} else await serve(parsed.options);

/** `omni-mock proxy`: runs until a signal, then writes the report and prints the summary line. */
async function runProxy(options: ProxyCliOptions): Promise<void> {
  const { startProxy } = await import('./proxy/proxy-server.js');
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  try {
    proxy = await startProxy({
      target: options.target,
      port: options.port,
      host: options.host,
      record: options.record,
      keepNumbers: options.keepNumbers,
      report: options.report,
      tapForward: options.tapForward,
      targetTimeoutMs: options.targetTimeoutMs,
      say: (line) => console.error(line),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.error(
      `omni-mock proxy: cannot start (${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}); check --port, --host, --record and --report`,
    );
    process.exit(1);
  }
  stopOnSignals({
    graceful: async (signal) => {
      console.log(proxyStoppingLine(signal, options.report));
      await proxy.close();
      console.log(proxy.summaryLine());
      // Not part of the CI line: a route that hung or broke is no difference of shape, but must not go unsaid.
      for (const line of proxyExitLines(proxy.report().summary, options.report, proxy.reportSaved())) console.log(line);
      process.exit(0);
    },
    quitting: (signal) => console.error(proxyQuittingLine(signal, options)),
  });
  console.log(
    [
      `omni-mock proxy: listening on ${proxy.url} -> ${options.target.href.replace(/\/$/, '')}`,
      `  live drift report: ${proxy.url}/__proxy   webhook tap: ${proxy.url}/__proxy/webhook${options.tapForward ? ` -> ${options.tapForward.href}` : ''}`,
      ...(options.record
        ? [`  recording to ${options.record}${options.keepNumbers ? ' (phone numbers kept)' : ''}`]
        : []),
      ...(options.report ? [`  report: ${options.report}`] : []),
    ].join('\n'),
  );
}

async function serve(cli: CliOptions): Promise<void> {
  if (cli.help) {
    console.log(HELP_TEXT);
    process.exit(0);
  }
  if (cli.version) {
    console.log(MOCK_VERSION);
    process.exit(0);
  }
  // A signal while the mock starts is kept, not obeyed at once (which would leave the lock file and
  // the -wal behind and exit 143): each step of the start checks it and stops cleanly, exit 0.
  let signalled: NodeJS.Signals | undefined;
  const keepSignal = (signal: NodeJS.Signals) => {
    signalled ??= signal;
  };
  process.on('SIGTERM', keepSignal);
  process.on('SIGINT', keepSignal);
  const stoppedWhileStarting = (signal: NodeJS.Signals): never => {
    console.log(`omni-mock: ${signal} while starting: stopped before listening`);
    process.exit(0);
  };

  capYoungGeneration();
  capOldGenerationGrowth();

  const db = cli.db ?? defaultDatabasePath({ platform: process.platform, env: process.env, home: homedir() });

  /** A bad environment: one line naming the problem and its remedy, exit 1, never a stack trace. */
  function refuse(problem: string): never {
    console.error(`omni-mock: ${problem}`);
    process.exit(1);
  }

  const ready = await preflight({
    db,
    shown: db === ':memory:' ? db : shownPath(db, process.cwd()),
    pid: process.pid,
    host: cli.host,
    port: cli.port,
    reset: cli.reset,
  });
  if (!ready.ok) refuse(ready.problem);
  // Said as soon as it is done, as `omni-mock cluster` says its own: the lock is taken over whatever follows.
  if (ready.tookOver) console.log(`omni-mock: ${ready.tookOver}`);
  const lock = ready.lock;
  process.on('exit', () => lock?.release());
  if (signalled) {
    await ready.port.release();
    stoppedWhileStarting(signalled);
  }

  // Loaded once the environment is known to be good: a refusal answers before the server's
  // modules (contracts, engine, demo data) are even read.
  const { createMockOmni, STRICT_TEST_LINES } = await import('./create-mock-omni.js');
  const { startBanner } = await import('./cli/banner.js');
  let mock: Awaited<ReturnType<typeof createMockOmni>>;
  try {
    mock = await createMockOmni({
      db,
      seed: cli.seed,
      // On an existing database the CLI answers without ever loading faker.
      deferDemoFaker: true,
      vary: cli.vary,
      clock: cli.clock,
      ...(cli.clockStart ? { clockStart: cli.clockStart } : {}),
      ...(cli.adminKey ? { adminKey: cli.adminKey } : {}),
      // On every address (0.0.0.0, ::) the machine is also reached by its own name.
      allowedHosts: [cli.host, ...(cli.host === '0.0.0.0' || cli.host === '::' ? [hostname()] : []), ...cli.allowHosts],
      allowedOrigins: cli.allowOrigins,
      validateResponses: cli.validateResponses,
      strict: cli.strict,
      sip: { answerTimeoutMs: cli.bridgeAnswerTimeoutMs, media: cli.media },
      ...(cli.statsSeconds
        ? { stats: { intervalMs: cli.statsSeconds * 1000, write: (line) => console.log(line) } }
        : {}),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    refuse(
      `cannot open --db ${shownPath(db, process.cwd())} (${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message})`,
    );
  }
  if (signalled) {
    await ready.port.release();
    await mock.close();
    stoppedWhileStarting(signalled);
  }
  let server: Awaited<ReturnType<typeof mock.listen>>;
  try {
    await ready.port.release();
    server = await mock.listen({ port: cli.port, host: cli.host });
  } catch (error) {
    await mock.close();
    refuse(`cannot listen on ${cli.host}:${cli.port}: ${(error as Error).message}`);
  }
  lock?.listening(server.port, cli.host);

  // Signals are handled before the banner says the mock listens: whoever reads that line and
  // stops the mock at once must get the clean shutdown.
  process.off('SIGTERM', keepSignal);
  process.off('SIGINT', keepSignal);
  const stop = stopOnSignals({
    graceful: async (signal) => {
      console.log(
        `omni-mock: ${signal}: finishing requests in flight and closing the database (again to quit at once)`,
      );
      await mock.close();
      process.exit(0);
    },
    quitting: (signal) =>
      console.error(`omni-mock: ${signal} again: quitting at once; every answered write is already in the database`),
  });
  if (signalled) return stop(signalled);

  if (ready.note) console.log(`omni-mock: ${ready.note}`);
  const demo = mock.services.registry.getDefault();
  console.log(
    startBanner({
      url: server.url,
      db,
      dbIsDefault: cli.db === undefined,
      clock: cli.clock,
      version: MOCK_VERSION,
      bridgeAnswerTimeoutMs: cli.bridgeAnswerTimeoutMs,
      ...(cli.strict ? { strict: { testLines: STRICT_TEST_LINES } } : {}),
      media: cli.media,
      variation: cli.vary,
      varyGiven: cli.varyGiven,
      ...(demo.record.vary !== null && !demo.ignoredVary ? { demoVariation: demo.variation } : {}),
    }),
  );
}
