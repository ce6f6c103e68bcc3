/**
 * The mock beside its peers, in one run on one machine: Prism and Mockoon serving the mock's own
 * `/openapi.json`, WireMock replaying stubs of the mock's exact answers (captured from the mock first), and
 * the mock itself (its built CLI on a file database with its demo data). Each server runs in a process of
 * its own; autocannon loads one server at a time from another process (authorize, `GET /omni/users`,
 * `GET /omni/campaign/{id}`, add lead; `--connections` 50), with a warm-up of each server and route first,
 * then `--rounds` (3) rounds of `--seconds` (2) s, the servers in a rotating order. Prints req/s, p50/p99,
 * the CPU the server's process tree used (so throughput per core compares), start-up to first answer, the
 * peak RSS of the process tree under load, the ratios to the mock, and what each peer does not do, from
 * probe requests sent to every server. Exits 1 when java is missing, a server does not start, or a load
 * had failed or non-2xx answers.
 *
 * Run: npm run bench:peers (builds first; `-- --help` for the options).
 *
 * @module
 */

import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodePassword } from '@omnikit/contracts';
import { installPeers, javaVersion, PEER_PACKAGES } from './peers/peer-install.js';
import { PEERS_HELP, type PeerOptions, parsePeerOptions } from './peers/peer-options.js';
import { type ProbeAnswers, probe, probeVerdicts } from './peers/peer-probes.js';
import { type LoadSample, peerTables } from './peers/peer-report.js';
import { processTreeUsage } from './peers/process-tree-usage.js';
import { freePort, type StartedServer, startServer } from './peers/started-server.js';
import { type CapturedExchange, wiremockMappings } from './peers/wiremock-mappings.js';
import { ROUTE_LOADS, type RouteLoad } from './route-loads.js';
import { MOCK_BIN, requireBuild } from './server-process.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const KEY = 'Key=omni-demo-key';
const LEAD = {
  first_name: 'Peer',
  last_name: 'Probe',
  list_id: 1,
  phone_numbers: [{ phone_number: '0215550199', phone_type_id: 1 }],
};

const log = (line: string) => console.log(line);
const load1 = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function options(): PeerOptions {
  try {
    return parsePeerOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`bench:peers: ${(e as Error).message}`);
    process.exit(2);
  }
}

/** The headers a load of `route` sends: the system key, and the user token on the user's routes. */
function headersOf(route: RouteLoad, token: string): Record<string, string> {
  return {
    Authorization: KEY,
    ...(route.user ? { tokenKey: token } : {}),
    ...(route.body ? { 'Content-Type': 'application/json' } : {}),
  };
}

/** Sends `route` to the mock as a load sends it, with the key or without it, and keeps the answer. */
async function capture(base: string, route: RouteLoad, token: string, withKey: boolean): Promise<CapturedExchange> {
  const headers = withKey ? headersOf(route, token) : route.body ? { 'Content-Type': 'application/json' } : {};
  const res = await fetch(`${base}${route.path}`, {
    method: route.method,
    headers,
    ...(route.body ? { body: route.body } : {}),
  });
  return {
    method: route.method,
    path: route.path,
    headers: withKey
      ? { Authorization: KEY, ...(route.user ? { tokenKey: token } : {}) }
      : // Without the key, the stub answers whatever else is sent: the mock refuses before reading it.
        { Authorization: null },
    ...(route.body && withKey ? { body: route.body } : {}),
    status: res.status,
    contentType: res.headers.get('content-type') ?? 'application/json',
    responseBody: await res.text(),
  };
}

async function loadOnce(server: StartedServer, route: RouteLoad, token: string, seconds: number, connections: number) {
  const opts = {
    url: `${server.url}${route.path}`,
    method: route.method,
    headers: headersOf(route, token),
    body: route.body,
    connections,
    duration: seconds,
  };
  const { stdout } = await run(process.execPath, [join(here, 'load-runner.mjs'), JSON.stringify(opts)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    rps: number;
    p50: number;
    p99: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.help) {
    console.log(PEERS_HELP);
    return;
  }
  requireBuild();
  let java: string;
  try {
    java = javaVersion();
  } catch (e) {
    console.error(`bench:peers: ${(e as Error).message}`);
    process.exit(1);
  }
  const began = performance.now();
  log(`bench:peers — load average at the start ${load1()} (2 cores here: figures on a busy machine are low)`);
  log(`java: ${java}`);
  const peers = installPeers(log);
  const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const dir = mkdtempSync(join(tmpdir(), 'omni-bench-peers-'));
  const servers: StartedServer[] = [];
  let failed = 0;
  try {
    const startAt = async (name: string, command: string, args: (port: number) => string[]) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const server = await startServer(name, command, args(port), url, '/omni/users', { Authorization: KEY });
      log(`  ${name} answered ${server.startupMs.toFixed(0)} ms after it was spawned`);
      return server;
    };
    const mockArgs = (port: number) => [MOCK_BIN, '--port', String(port), '--db', join(dir, 'mock.db')];

    // The mock on a new database, once: its OpenAPI document, a user token, and its answers to the
    // loads' requests, for the peers to serve.
    log('starting the mock on a new database to capture its answers');
    const first = await startAt('the mock (creating its demo data)', process.execPath, mockArgs);
    const authorize = await fetch(`${first.url}/omni/user/authorize`, {
      method: 'POST',
      headers: { Authorization: KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
    });
    const token = ((await authorize.json()) as { token_key: string }).token_key;
    const openapi = join(dir, 'openapi.json');
    writeFileSync(openapi, await (await fetch(`${first.url}/openapi.json`)).text());
    const exchanges: CapturedExchange[] = [];
    for (const route of ROUTE_LOADS) {
      exchanges.push(await capture(first.url, route, token, true), await capture(first.url, route, token, false));
    }
    const bad = exchanges.filter((e, i) => (i % 2 === 0 ? e.status !== 200 : e.status !== 401));
    if (bad.length > 0) throw new Error(`the mock answered unexpectedly while capturing: ${JSON.stringify(bad)}`);
    mkdirSync(join(dir, 'wiremock', 'mappings'), { recursive: true });
    writeFileSync(join(dir, 'wiremock', 'mappings', 'omni.json'), JSON.stringify(wiremockMappings(exchanges)));
    await first.stop();

    log('starting each server alone, timed to its first answer');
    servers.push(await startAt('mock', process.execPath, mockArgs));
    // Prism with its logging off: at its default it prints every request and every violation it finds.
    servers.push(
      await startAt('Prism', process.execPath, (port) => [
        peers.prism,
        'mock',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--verboseLevel',
        'silent',
        openapi,
      ]),
    );
    // Mockoon takes the OpenAPI document itself (it converts it to its own format as it starts); it
    // logs every request to stdout, with no option to stop it: the output is read and dropped.
    servers.push(
      await startAt('Mockoon', process.execPath, (port) => [
        peers.mockoon,
        'start',
        '--data',
        openapi,
        '--port',
        String(port),
        '--hostname',
        '127.0.0.1',
        '--disable-log-to-file',
      ]),
    );
    // WireMock without its request journal, which otherwise keeps every request in memory for the
    // whole run.
    servers.push(
      await startAt('WireMock', 'java', (port) => [
        '-jar',
        peers.wiremockJar,
        '--port',
        String(port),
        '--bind-address',
        '127.0.0.1',
        '--root-dir',
        join(dir, 'wiremock'),
        '--disable-banner',
        '--no-request-journal',
      ]),
    );

    log('probing what each server checks and keeps');
    const answers = new Map<StartedServer, ProbeAnswers>();
    for (const server of servers) {
      answers.set(server, await probe(server.url, { key: KEY, token, lead: LEAD, marker: `kept-${Date.now()}` }));
    }

    const routes = ROUTE_LOADS.map((r) => r.name);
    const samples = new Map(servers.map((s) => [s, new Map(routes.map((r) => [r, [] as LoadSample[]]))]));
    const peaks = new Map(servers.map((s) => [s, 0]));
    const total = servers.length * ROUTE_LOADS.length * (opts.rounds * opts.seconds + opts.warmup);
    log(
      `loading: ${servers.length} servers × ${ROUTE_LOADS.length} routes, ${opts.connections} connections, ` +
        `${opts.warmup} s warm-up then ${opts.rounds} rounds of ${opts.seconds} s (${total} s of load)`,
    );
    if (opts.warmup > 0) {
      for (const server of servers) {
        log(`  warming up ${server.name} (${ROUTE_LOADS.length} routes × ${opts.warmup} s)`);
        for (const route of ROUTE_LOADS) await loadOnce(server, route, token, opts.warmup, opts.connections);
      }
    }
    for (let round = 0; round < opts.rounds; round++) {
      // A rotating order, so that no server always follows the same one on a machine that drifts.
      const order = servers.map((_, i) => servers[(i + round) % servers.length] as StartedServer);
      for (const route of ROUTE_LOADS) {
        for (const server of order) {
          const before = processTreeUsage(server.pid);
          let peak = before.rssBytes;
          const sampler = setInterval(() => {
            peak = Math.max(peak, processTreeUsage(server.pid).rssBytes);
          }, 100);
          const r = await loadOnce(server, route, token, opts.seconds, opts.connections);
          clearInterval(sampler);
          const after = processTreeUsage(server.pid);
          peaks.set(server, Math.max(peaks.get(server) ?? 0, peak, after.rssBytes));
          const sample: LoadSample = {
            rps: r.rps,
            p50: r.p50,
            p99: r.p99,
            cpuSeconds: (after.cpuTicks - before.cpuTicks) / clockTicks,
            seconds: opts.seconds,
            failed: r.non2xx + r.errors + r.timeouts,
          };
          failed += sample.failed;
          samples.get(server)?.get(route.name)?.push(sample);
          log(
            `  round ${round + 1}/${opts.rounds}  ${route.name.padEnd(26)} ${server.name.padEnd(8)} ` +
              `${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
              `${(sample.cpuSeconds / sample.seconds).toFixed(2)} cores  failed ${sample.failed}`,
          );
        }
      }
    }

    const version = (name: string) => PEER_PACKAGES.find((p) => p.startsWith(`${name}@`))?.slice(name.length + 1);
    log('');
    log('servers, each in a process of its own:');
    log('  mock      the built CLI (bin/omni-mock.js) on a file database with its demo data');
    log(
      `  Prism     ${version('@stoplight/prism-cli')}: prism mock <the mock's /openapi.json> (--verboseLevel silent)`,
    );
    log(
      `  Mockoon   ${version('@mockoon/cli')}: mockoon-cli start --data <the same file> ` +
        '(it takes the OpenAPI document as it is, converting it as it starts)',
    );
    log(
      `  WireMock  ${version('wiremock')}: ${exchanges.length} stubs of the mock's answers ` +
        `(--no-request-journal), on ${java}`,
    );
    log(`${opts.connections} connections, medians of ${opts.rounds} rounds of ${opts.seconds} s:`);
    log('');
    for (const line of peerTables(
      servers.map((s) => ({
        name: s.name,
        startupMs: s.startupMs,
        peakRssBytes: peaks.get(s) ?? 0,
        loads: samples.get(s) ?? new Map(),
      })),
      routes,
    )) {
      log(line);
    }
    log('');
    log(
      `(the mock's start-up is on an existing database; creating the demo data it took ${first.startupMs.toFixed(0)} ms)`,
    );
    log('');
    log('What each server does with the same five requests (the mock is the reference):');
    const mockAnswers = answers.get(servers[0] as StartedServer) as ProbeAnswers;
    const mockVerdicts = probeVerdicts(mockAnswers, mockAnswers);
    for (const server of servers) {
      const verdicts = probeVerdicts(answers.get(server) as ProbeAnswers, mockAnswers);
      const parts = verdicts.map((v, i) =>
        server === servers[0] || v.asMock
          ? `${v.check}: ${v.answered}`
          : `${v.check}: NO — ${v.answered} (mock: ${mockVerdicts[i]?.answered})`,
      );
      log(`  ${server.name}: ${parts.join('; ')}`);
    }
    log("  (a peer's error code is whatever its example or stub body holds, not a check it made)");
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  log('');
  log(`load average at the end ${load1()}; the run took ${((performance.now() - began) / 1000).toFixed(0)} s`);
  if (failed > 0) {
    log(`bench:peers: ${failed} answers failed or were not 2xx: the figures above are not comparable`);
    process.exit(1);
  }
}

await main();
