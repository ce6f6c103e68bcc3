/**
 * The `omni-mock cluster` command line, parsed without reading the process: main.ts passes argv in.
 *
 * @module
 */

import { parseHostOption } from '../cli/parse-host-option.js';
import { parsePortOption } from '../cli/parse-port-option.js';
import { parseSubcommandArgs } from '../cli/parse-subcommand-args.js';

export interface ClusterOptions {
  readonly workers: number;
  readonly port: number;
  readonly host: string;
  readonly dir: string;
  /** `--haproxy`; undefined: looked for (find-haproxy.ts). */
  readonly haproxy: string | undefined;
  readonly adminKey: string | undefined;
  /** Passed to every worker as they are (after `--`). */
  readonly workerArgs: readonly string[];
  readonly help: boolean;
}

export type ClusterParse = { ok: true; options: ClusterOptions } | { ok: false; error: string };

export const MAX_WORKERS = 64;

export const CLUSTER_HELP_TEXT = `omni-mock cluster — N mock processes behind HAProxy, each system (tenant) on one of them by its key

Usage: omni-mock cluster --workers <n> --port <n> --dir <data dir> [options] [-- <worker options>]

Options:
  --workers <n>       worker processes, 1 to ${MAX_WORKERS} (default 2)
  --port <n>          port HAProxy listens on (default 4010; 0 picks a free port and prints it)
  --host <host>       address HAProxy listens on (default 127.0.0.1; IPv6 as ::1 or [::1]); workers
                      always listen on 127.0.0.1 and answer the Host names a lone mock on --host
                      would: its name, and with 0.0.0.0 or :: this machine's name; others:
                      -- --allow-host <name>
  --dir <dir>         the cluster's data directory (required): worker-<i>/omni.db for each worker, the
                      haproxy.cfg and buckets.map written at each start, and cluster.lock and
                      cluster-processes.json while it runs (one cluster per directory)
  --haproxy <path>    the HAProxy binary (default: haproxy on PATH, else in /usr/local/sbin, /usr/sbin,
                      /sbin or Homebrew's /opt/homebrew/sbin; apt-get install haproxy, brew install haproxy)
  --admin-key <key>   the workers' admin key (X-Mock-Admin-Key); required when --host is not loopback
  --help              print this help

Everything after -- is given to every worker (omni-mock options such as --clock manual, --seed 7,
--vary …; not --port, --host, --db or --reset, which the cluster sets).

Routing: HAProxy reads each request's system key (a create's body system_key or the new key in
Authorization, a delete's path, Authorization: Key=…, ?auth-key=; a SIP WebSocket's /ws/<system key>),
hashes it to one of 1024 buckets and sends it to the bucket's worker; a request naming no system goes
where omni-demo-key goes. Each worker owns its systems' data, clocks and webhooks. HAProxy checks
GET /health on each worker every 0.5 s; a worker that dies is restarted on its own files, and meanwhile
its systems (only they) answer 503 SERVICE_UNAVAILABLE. A start with another --workers count names the
systems no longer on the worker their key goes to, and the commands that move them.

Ctrl-C, SIGTERM or SIGHUP stops HAProxy (the requests in flight answered), then every worker cleanly;
Ctrl-C again quits at once. A start on the directory of a cluster killed with kill -9 stops the
processes it left running.`;

/** What `--help` parses to: the defaults, unchecked values being beside the point. */
const HELP_ONLY: ClusterOptions = {
  workers: 2,
  port: 4010,
  host: '127.0.0.1',
  dir: '',
  haproxy: undefined,
  adminKey: undefined,
  workerArgs: [],
  help: true,
};

const RESERVED = new Set(['--port', '--host', '--db', '--reset']);

/** Parses the arguments after `cluster`. */
export function parseClusterArgs(argv: readonly string[]): ClusterParse {
  const split = argv.indexOf('--');
  const own = split < 0 ? [...argv] : argv.slice(0, split);
  const workerArgs = split < 0 ? [] : argv.slice(split + 1);
  const args = parseSubcommandArgs(own, {
    workers: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    dir: { type: 'string' },
    haproxy: { type: 'string' },
    'admin-key': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (!args.ok) return args;
  const { values } = args;
  // --help wins over every check of the values: whoever asks for it gets it, whatever else the line holds.
  if (values.help === true) return { ok: true, options: HELP_ONLY };
  const workersText = typeof values.workers === 'string' ? values.workers : '2';
  const workers = Number(workersText);
  if (!/^\d+$/.test(workersText) || workers < 1 || workers > MAX_WORKERS) {
    return { ok: false, error: `--workers must be an integer from 1 to ${MAX_WORKERS}, not "${workersText}"` };
  }
  const portOption = parsePortOption(typeof values.port === 'string' ? values.port : undefined, 4010);
  if ('error' in portOption) return { ok: false, error: portOption.error };
  const { port } = portOption;
  if (values.host === '') return { ok: false, error: '--host must not be empty' };
  // As the mock reads it: `[::1]` (the form the "listening on" line prints) is `::1`, to the loopback rule, to the port
  // check and to HAProxy's bind line (haproxy-config.ts brackets it there); anything else is refused here, exit 2.
  const hostOption = parseHostOption(typeof values.host === 'string' ? values.host : undefined, '127.0.0.1');
  if ('error' in hostOption) return { ok: false, error: hostOption.error };
  const { host } = hostOption;
  const dir = typeof values.dir === 'string' ? values.dir : '';
  if (dir === '') return { ok: false, error: '--dir is required: the directory that holds each worker’s files' };
  const haproxy = typeof values.haproxy === 'string' ? values.haproxy : undefined;
  if (haproxy === '') return { ok: false, error: '--haproxy must not be empty' };
  const adminKey = typeof values['admin-key'] === 'string' ? values['admin-key'] : undefined;
  if (adminKey !== undefined && adminKey.length < 8)
    return { ok: false, error: '--admin-key must be at least 8 characters' };
  const reserved = workerArgs.find((a) => RESERVED.has(a.split('=')[0] ?? a));
  if (reserved !== undefined) {
    return {
      ok: false,
      error: `${reserved.split('=')[0]} after -- is the cluster's to set for each worker: leave it out`,
    };
  }
  if (workerArgs.some((a) => a === '--admin-key' || a.startsWith('--admin-key='))) {
    return { ok: false, error: 'give --admin-key before --, as a cluster option: HAProxy-facing checks need it too' };
  }
  if (!isLoopback(host) && adminKey === undefined) {
    return {
      ok: false,
      error: `--host ${host} is beyond loopback: give --admin-key, or anyone who reaches the port can wipe every system`,
    };
  }
  return { ok: true, options: { workers, port, host, dir, haproxy, adminKey, workerArgs, help: false } };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
