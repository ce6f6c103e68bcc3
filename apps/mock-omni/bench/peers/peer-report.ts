/**
 * The peers bench's figures as Markdown tables (so docs quote the printed table as it is): per route and
 * server the medians of the rounds and their ratios to the mock, then per server its start-up and memory.
 *
 * @module
 */

/** One measured load of one server on one route. */
export interface LoadSample {
  rps: number;
  p50: number;
  p99: number;
  /** CPU seconds the server's process tree used during the load. */
  cpuSeconds: number;
  /** The load's measured length in seconds. */
  seconds: number;
  /** Answers that were not 2xx, errors and timeouts. */
  failed: number;
}

/** Everything measured of one server. */
export interface ServerFigures {
  name: string;
  /** From spawning the server to its first HTTP answer. */
  startupMs: number;
  /** The highest resident memory of its process tree sampled during the run. */
  peakRssBytes: number;
  /** The samples of each route, one per round. */
  loads: ReadonlyMap<string, readonly LoadSample[]>;
}

/** The middle value (the upper middle of an even count); 0 for none. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

/** A route's medians on one server. */
export interface RouteMedians {
  rps: number;
  p50: number;
  p99: number;
  /** Cores the server kept busy: its CPU seconds over the load's seconds. */
  cores: number;
  /** Requests per second per core busy, the median of each round's own ratio. */
  rpsPerCore: number;
  failed: number;
}

/** The medians of `samples` (failed answers are summed, not a median: one is too many). */
export function routeMedians(samples: readonly LoadSample[]): RouteMedians {
  const cores = samples.map((s) => s.cpuSeconds / s.seconds);
  return {
    rps: median(samples.map((s) => s.rps)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    cores: median(cores),
    rpsPerCore: median(samples.map((s, i) => (cores[i] ? s.rps / (cores[i] as number) : 0))),
    failed: samples.reduce((sum, s) => sum + s.failed, 0),
  };
}

const whole = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (n: number, of: number): string => (of > 0 ? `${(n / of).toFixed(2)}×` : '–');

/**
 * The two tables: per route and server, and per server. `servers[0]` is the reference the ratios divide
 * by (the mock).
 */
export function peerTables(servers: readonly ServerFigures[], routes: readonly string[]): string[] {
  const reference = servers[0];
  if (!reference) return [];
  const lines = [
    '| route | server | req/s | × mock | p50 ms | p99 ms | cores busy | req/s per core | × mock | failed |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const route of routes) {
    const ref = routeMedians(reference.loads.get(route) ?? []);
    for (const server of servers) {
      const m = routeMedians(server.loads.get(route) ?? []);
      lines.push(
        `| ${route} | ${server.name} | ${whole(m.rps)} | ${ratio(m.rps, ref.rps)} | ${m.p50} | ${m.p99} | ${m.cores.toFixed(2)} | ${whole(m.rpsPerCore)} | ${ratio(m.rpsPerCore, ref.rpsPerCore)} | ${m.failed} |`,
      );
    }
  }
  lines.push(
    '',
    '| server | start-up to first answer | × mock | peak RSS under load | × mock |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const server of servers) {
    lines.push(
      `| ${server.name} | ${whole(server.startupMs)} ms | ${ratio(server.startupMs, reference.startupMs)} | ${(server.peakRssBytes / 2 ** 20).toFixed(0)} MiB | ${ratio(server.peakRssBytes, reference.peakRssBytes)} |`,
    );
  }
  return lines;
}
