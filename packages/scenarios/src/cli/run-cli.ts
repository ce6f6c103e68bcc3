import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN_KEY_HEADER } from '@omnikit/contracts/control';
import { parseVary, type Variation, VaryError, variationMatrix } from '@omnikit/contracts/variants';
import { ConnectionError, TimeoutError } from '@omnikit/sdk';
import { formatContractTable, runContractSuite } from '../contract-suite/run-contract-suite.js';
import { library } from '../library/index.js';
import { CredentialsRefusedError } from '../runner/check-credentials.js';
import { formatMatrix } from '../runner/format-matrix.js';
import { runMatrix } from '../runner/run-matrix.js';
import { formatSuiteTable, runSuite, type SuiteEntry } from '../runner/run-suite.js';
import { createInprocTarget, createMockUrlTarget } from '../target/mock-target.js';
import { findProxyTap, type ProxyTap } from '../target/proxy-tap.js';
import { createRealTarget, type RealConfigResult, readRealTargetConfig } from '../target/real-target.js';
import type { Target } from '../target/target.js';
import { loadScenarios } from './load-scenarios.js';

export const HELP = `omnikit-scenarios — run Omni scenarios and the contract suite against the mock or a real Omni

Usage:
  omnikit-scenarios list                          the library's scenarios
  omnikit-scenarios run [files|dirs] [options]    run scenarios (the library when none are given)
  omnikit-scenarios contract [options]            the contract suite (omni-api.md Part A)

Options:
  --target <inproc|real|url>  where to run (default inproc; for contract, real when OMNI_BASE_URL
                              and OMNI_SYSTEM_KEY are set):
                                inproc  a mock in this process (fresh system per scenario)
                                <url>   a mock started elsewhere (omni-mock), e.g. http://127.0.0.1:4010
                                        (OMNI_MOCK_ADMIN_KEY if it has an admin key;
                                        OMNI_WEBHOOK_PUBLIC_URL if it cannot reach this machine)
                                real    a real Omni (or omni-mock --strict) from the environment:
                                        OMNI_BASE_URL, OMNI_SYSTEM_KEY, OMNI_AGENT_USER, OMNI_AGENT_PASSWORD,
                                        OMNI_AGENT_EXTENSION, OMNI_AGENT_WEBRTC_PASSWORD (OMNI_AGENT2_* …
                                        OMNI_AGENT5_* for more agents), OMNI_TEST_NUMBERS (the only numbers ever dialled),
                                        OMNI_SIP_SERVER, OMNI_WEBHOOK_PUBLIC_URL, OMNI_NOTIFICATION_SECRET,
                                        OMNI_TIME_ZONE (Omni's own zone, e.g. Africa/Johannesburg or +02:00,
                                        for its date-times without one, YYYY-MM-DD HH:MM:SS; default UTC;
                                        a mock's is its own setting). The system key and the first agent
                                        are checked once (one authorize) before anything runs
                              An omni-mock proxy (a URL, or OMNI_BASE_URL) is recognised: requests pass
                              through it and notifications reach this run through its webhook tap, so
                              the proxy's drift report covers both; a proxy in front of a real Omni
                              takes the real target's OMNI_* variables (OMNI_WEBHOOK_PUBLIC_URL is then
                              the public URL of the proxy's /__proxy/webhook)
  --seed <n>                  the seed of every scenario's system (default: each scenario's own),
                              and the first seed of --vary all's random draws (default 1)
  --vary <spec|all>           run as another plausible Omni where the wiki is silent (in-process mock only):
                                errors=ok-false,dates=vicidial  one value per axis, the rest at their defaults
                                random                          one combination drawn from --seed
                                all                             the matrix: the default, each other value of
                                                                each axis alone, and --random combinations
                              axes: errors, dates, ids, tokens, notifications, extras
  --random <n>                with --vary all: how many seeded random combinations (default 5)
  --json <file>               also write the report as JSON (one entry per scenario: name, status…;
                              with --vary all the matrix: variants, one row of cells per scenario);
                              checked before the run: its folder must exist and be writable
  --quiet                     no progress lines
  --help                      this help

Scenario files: .json (a scenario or an array, plain data) or modules exporting scenarios or
integrations (defineIntegration) (.js/.mjs; .ts under a TypeScript loader: npx tsx …). Exit status:
0 when nothing failed, 1 when a scenario (or a matrix cell) failed or a contract check differs (or
the target stopped the run once it had begun), 2 on bad usage (found before anything runs, in one
line: an option, a scenario file that does not load, a --json destination, a target that cannot be
reached, a mock at a URL or a real Omni alike, a real Omni's configuration — an OMNI_* variable
missing or malformed, an unknown OMNI_TIME_ZONE — or its system key or agent credentials refused),
130 when interrupted (Ctrl-C: the scenario or integration under way abandons its step and cleans up
first — calls hung up, agents logged out, the endpoint put back — and it and the rest are reported
'not run'; Ctrl-C again quits at once). 'not run' is reported, never a failure.`;

/** The exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it). */
export const INTERRUPTED = 130;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C: the scenario under way cleans up (a real Omni's endpoint put back), the rest are not run. */
  signal?: AbortSignal;
}

type Chosen = { target: Target; tap?: ProxyTap | undefined };

/**
 * A real target reached through a proxy: requests go to the proxy, while the phone registers with
 * the real Omni (the proxy forwards HTTP, not the SIP WebSocket) unless OMNI_SIP_SERVER says where.
 */
function realThroughProxy(env: CliIo['env'], proxyUrl: string, tap: ProxyTap): RealConfigResult {
  const omni = tap.omniUrl ? new URL(tap.omniUrl) : undefined;
  const sip =
    env.OMNI_SIP_SERVER?.trim() || (omni ? `${omni.protocol === 'https:' ? 'wss' : 'ws'}://${omni.host}/ws` : '');
  return readRealTargetConfig({ ...env, OMNI_BASE_URL: proxyUrl, ...(sip ? { OMNI_SIP_SERVER: sip } : {}) });
}

/**
 * Why the report cannot be written to `path`, found before the run rather than after it: a folder, a folder
 * that does not exist, or one (or an existing file) that cannot be written.
 */
async function jsonDestinationProblem(path: string): Promise<string | undefined> {
  const full = resolve(path);
  const info = await stat(full).catch(() => undefined);
  if (info?.isDirectory()) return 'is a folder, not a file';
  const folder = dirname(full);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent) return `its folder ${folder} does not exist`;
  if (!parent.isDirectory()) return `its folder ${folder} is not a folder`;
  try {
    await access(info ? full : folder, constants.W_OK);
  } catch {
    return info ? 'the file cannot be written' : `its folder ${folder} cannot be written`;
  }
  return undefined;
}

/** Writes the JSON report; a failure now (the disk filled up during the run) is said as such, and is false. */
async function writeReport(path: string, report: unknown, io: CliIo): Promise<boolean> {
  try {
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
    return true;
  } catch (error) {
    io.err(`omnikit-scenarios: --json ${path}: the report could not be written (${(error as Error).message})`);
    return false;
  }
}

/** Which configured credentials a real Omni refused, by the variables that set them, and what it answered. */
function refusalLine(error: CredentialsRefusedError, target: Target, command: string): string {
  const agent = `the agent's user name and password (OMNI_AGENT_USER "${error.userName}", OMNI_AGENT_PASSWORD)`;
  const what =
    error.refused === 'system key'
      ? 'the system key (OMNI_SYSTEM_KEY)'
      : error.refused === 'agent'
        ? agent
        : `the system key (OMNI_SYSTEM_KEY) or ${agent}`;
  const nothing = command === 'contract' ? 'no check was run' : 'no scenario was run';
  return `the ${target.label} refused ${what}: ${error.answer}; ${nothing}`;
}

async function makeTarget(spec: string, env: CliIo['env']): Promise<Chosen | string> {
  if (spec === 'inproc') return { target: await createInprocTarget() };
  const publicUrl = env.OMNI_WEBHOOK_PUBLIC_URL?.trim() || undefined;
  if (spec === 'real') {
    const c = readRealTargetConfig(env);
    if (!c.ok) return `--target real: ${c.error}`;
    const tap = await findProxyTap(c.config.baseUrl, { publicUrl });
    const through = tap ? realThroughProxy(env, c.config.baseUrl, tap) : c;
    return { target: createRealTarget(through.ok ? through.config : c.config), tap };
  }
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    return `--target must be inproc, real or a URL, not "${spec}"`;
  }
  const base = url.href.replace(/\/$/, '');
  const tap = await findProxyTap(base, { publicUrl });
  const adminKey = env.OMNI_MOCK_ADMIN_KEY;
  const probe = await fetch(`${base}/__mock/clock`, {
    headers: adminKey ? { [ADMIN_KEY_HEADER]: adminKey } : {},
  }).catch((e: unknown) => e as Error);
  if (probe instanceof Error) return `--target ${spec}: cannot reach it (${probe.message})`;
  if (probe.status === 404 && tap) {
    // A proxy in front of a real Omni (or a strict mock): the real target's credentials, through the proxy.
    const c = realThroughProxy(env, base, tap);
    if (!c.ok) return `--target ${spec}: an omni-mock proxy in front of a real Omni: ${c.error} (as for --target real)`;
    return { target: createRealTarget(c.config), tap };
  }
  if (probe.status === 404)
    return `--target ${spec}: no control API there (a strict mock or a real Omni): use --target real with OMNI_BASE_URL`;
  if (probe.status === 401)
    return `--target ${spec}: the mock has an admin key: set OMNI_MOCK_ADMIN_KEY to it (${adminKey ? 'the one given is wrong' : 'none was given'})`;
  return { target: createMockUrlTarget({ baseUrl: base, adminKey }), tap };
}

/** The command line, without touching the process: returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ allowPositionals: true; options: Record<string, { type: 'string' | 'boolean' }> }>
  >;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        target: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'string' },
        vary: { type: 'string' },
        random: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err(`omnikit-scenarios: ${(error as Error).message}\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (values.help || command === undefined) {
    io.out(HELP);
    return values.help ? 0 : 2;
  }
  if (command === 'list') {
    for (const s of library) io.out(`${s.name.padEnd(50)} ${s.description}`);
    return 0;
  }
  if (command !== 'run' && command !== 'contract') {
    io.err(`omnikit-scenarios: unknown command "${command}"\n${HELP}`);
    return 2;
  }
  let seed: number | undefined;
  if (typeof values.seed === 'string') {
    seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) {
      io.err(`omnikit-scenarios: --seed must be an integer from 0 to 2147483647, not "${values.seed}"`);
      return 2;
    }
  }
  let random: number | undefined;
  if (typeof values.random === 'string') {
    random = Number(values.random);
    if (!Number.isInteger(random) || random < 0 || random > 1_000) {
      io.err(`omnikit-scenarios: --random must be an integer from 0 to 1000, not "${values.random}"`);
      return 2;
    }
  }
  const vary = typeof values.vary === 'string' ? values.vary.trim() : undefined;
  if (random !== undefined && vary !== 'all') {
    io.err('omnikit-scenarios: --random goes with --vary all (how many random combinations it adds)');
    return 2;
  }
  let variation: Variation | undefined;
  if (vary !== undefined) {
    if (command !== 'run') {
      io.err('omnikit-scenarios: --vary goes with run (the contract suite checks the contracts’ own shapes)');
      return 2;
    }
    const spec = typeof values.target === 'string' ? values.target : 'inproc';
    if (spec !== 'inproc') {
      io.err(
        `omnikit-scenarios: --vary needs the in-process mock (--target inproc), not --target ${spec}: a mock at a URL plays the variation it was started with (omni-mock --vary …) and its control API cannot set one per system here; a real Omni plays its own`,
      );
      return 2;
    }
    if (vary !== 'all') {
      try {
        variation = parseVary(vary, seed);
      } catch (error) {
        if (!(error instanceof VaryError)) throw error;
        io.err(`omnikit-scenarios: --vary: ${error.message}`);
        return 2;
      }
    }
  }
  if (typeof values.json === 'string') {
    const problem = await jsonDestinationProblem(values.json);
    if (problem) {
      io.err(`omnikit-scenarios: --json ${values.json}: ${problem}`);
      return 2;
    }
  }
  let scenarios: SuiteEntry[] = [...library];
  if (command === 'run' && paths.length > 0) {
    try {
      scenarios = await loadScenarios(paths);
    } catch (error) {
      io.err(`omnikit-scenarios: ${(error as Error).message}`);
      return 2;
    }
    if (scenarios.length === 0) {
      io.err('omnikit-scenarios: no scenario found');
      return 2;
    }
  }
  const progress = values.quiet ? undefined : (line: string) => io.err(line);
  // Whether a scenario (or a check) has begun: each runner says its first progress line as its first one starts, and
  // nothing before. A target that cannot be reached until then is found before anything ran, as bad usage is.
  let begun = false;
  const running = (line: string) => {
    begun = true;
    progress?.(line);
  };
  if (vary === 'all') {
    try {
      const report = await runMatrix(scenarios, {
        variants: variationMatrix({ random: random ?? 5, seed: seed ?? 1 }),
        seed,
        ...(progress ? { onProgress: progress } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      });
      io.out(formatMatrix(report));
      const written = typeof values.json !== 'string' || (await writeReport(values.json, report, io));
      if (io.signal?.aborted) return INTERRUPTED;
      return report.counts.failed > 0 || !written ? 1 : 0;
    } catch (error) {
      io.err(`omnikit-scenarios: run stopped: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }
  // The contract suite runs against the real Omni when its credentials are set, else the mock.
  const fallback = command === 'contract' && io.env.OMNI_BASE_URL && io.env.OMNI_SYSTEM_KEY ? 'real' : 'inproc';
  const chosen = variation
    ? { target: await createInprocTarget({ vary: variation }), tap: undefined }
    : await makeTarget(typeof values.target === 'string' ? values.target : fallback, io.env);
  if (typeof chosen === 'string') {
    io.err(`omnikit-scenarios: ${chosen}`);
    return 2;
  }
  const { target, tap } = chosen;
  if (tap) {
    progress?.(
      `omnikit-scenarios: ${tap.proxyUrl} is an omni-mock proxy: Omni posts notifications to ${tap.endpointUrl}, its tap forwards them to this run`,
    );
  }
  try {
    if (command === 'contract') {
      const report = await runContractSuite(target, {
        ...(tap ? { proxyTap: tap } : {}),
        ...(target.kind !== 'inproc' && io.env.OMNI_WEBHOOK_PUBLIC_URL
          ? { webhookPublicUrl: io.env.OMNI_WEBHOOK_PUBLIC_URL }
          : {}),
        onProgress: running,
        ...(io.signal ? { signal: io.signal } : {}),
      });
      io.out(formatContractTable(report));
      const written = typeof values.json !== 'string' || (await writeReport(values.json, report, io));
      if (io.signal?.aborted) return INTERRUPTED;
      return report.counts.differs > 0 || !written ? 1 : 0;
    }
    const report = await runSuite(scenarios, {
      target,
      proxyTap: tap,
      seed,
      // A mock at a URL may be on another machine, as a real Omni is: both may need the public URL.
      webhookPublicUrl: target.kind === 'inproc' ? undefined : io.env.OMNI_WEBHOOK_PUBLIC_URL,
      onProgress: running,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    io.out(formatSuiteTable(report));
    const written = typeof values.json !== 'string' || (await writeReport(values.json, report, io));
    if (io.signal?.aborted) return INTERRUPTED;
    return report.counts.failed > 0 || !written ? 1 : 0;
  } catch (error) {
    // Credentials a real Omni refuses are configuration, found before anything ran: one line, as bad usage is.
    if (error instanceof CredentialsRefusedError) {
      io.err(`omnikit-scenarios: ${refusalLine(error, target, command)}`);
      return 2;
    }
    // The target itself failed (unreachable, an error of its own…): a message, not a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    const unreachable = error instanceof ConnectionError && !(error instanceof TimeoutError);
    const what = unreachable ? `cannot reach the ${target.label} (${message})` : message;
    // Not reached (or not answering) before anything began: found before anything ran, as a mock at a URL that
    // cannot be reached is (makeTarget's probe), so bad usage too.
    if (error instanceof ConnectionError && !begun) {
      io.err(`omnikit-scenarios: ${what}; ${command === 'contract' ? 'no check was run' : 'no scenario was run'}`);
      return 2;
    }
    io.err(`omnikit-scenarios: ${command} stopped: ${what}`);
    return 1;
  } finally {
    await target.close();
  }
}
