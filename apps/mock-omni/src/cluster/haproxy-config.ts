/**
 * The HAProxy configuration of `omni-mock cluster`: one frontend that finds the system key of every request, hashes it
 * to a bucket of the ring and sends the request to the bucket's worker (`bucket-owners.ts`), one backend per worker
 * with a health check on `/health`. A worker that is down answers 503 from HAProxy for its own systems only: its
 * systems are never sent to another worker, whose data does not hold them (a hash ring that skipped a dead server would
 * let a neighbour answer for the dead one's systems, or create a system where it will never be found again).
 *
 * Where the key is, in the order the mock reads it: a create's body `system_key` (the new system's), a delete's path,
 * `Authorization: Key=…`, the `auth-key` query parameter. The SIP WebSocket (`/ws`, `/ws/<key>`) is named by its path,
 * or `auth-key` on `/ws`, and never by `Authorization`, which the mock's SIP edge does not read. A request naming no
 * system goes with `omni-demo-key`, so "the default system" is the same one whichever worker would have taken it.
 *
 * @module
 */

import { DEMO_SYSTEM_KEY } from '../engine/systems/demo-data.js';
import { RING_BUCKETS } from './bucket-owners.js';

export interface ClusterWorkerAddress {
  /** 1-based. */
  index: number;
  host: string;
  port: number;
}

export interface HaproxyConfigInput {
  host: string;
  port: number;
  workers: readonly ClusterWorkerAddress[];
  /** Absolute path of the bucket map file. */
  mapPath: string;
  /** What this HAProxy answers on `START_CHECK_PATH`: a value new at each start (see there). */
  startToken: string;
}

/**
 * Answered by HAProxy itself with the start's token: the start-up check knows it reached the HAProxy it started, not
 * whatever else answers on the port (another mock, another cluster).
 */
export const START_CHECK_PATH = '/__cluster/start-check';

const errorBody = (detail: string, code: 'VALIDATION_FAILED' | 'SERVICE_UNAVAILABLE' | 'NOT_FOUND') =>
  `'${JSON.stringify({ success: false, detail, error_code: code })}'`;

function bindAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The configuration text. */
export function haproxyConfig(input: HaproxyConfigInput): string {
  const found = '{ var(txn.omni_key) -m found }';
  const lines = [
    '# Written by omni-mock cluster at each start: edits are overwritten.',
    // No maxconn: HAProxy sizes it from the open-files limit it is given.
    'global',
    // HAProxy binds with SO_REUSEPORT by default, and so shares a port with another HAProxy (another cluster's)
    // instead of failing: a port in use must stop the start.
    '  noreuseport',
    // Its soft stop (SIGUSR1, at the cluster's stop) waits for the requests in flight, and for a registered phone's
    // WebSocket too: for this long at most.
    '  hard-stop-after 10s',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // SIP over WebSocket: a registered phone stays connected for hours.
    '  timeout tunnel 8h',
    '  timeout http-request 10s',
    '  retries 2',
    '',
    'frontend omni',
    `  bind ${bindAddress(input.host, input.port)}`,
    `  http-request return status 200 content-type text/plain string ${input.startToken} if { path ${START_CHECK_PATH} }`,
    '  http-request wait-for-body time 2s if METH_POST { path /__mock/systems }',
    "  http-request set-var(txn.omni_key) req.body,json_query('$.system_key') if METH_POST { path /__mock/systems }",
    `  http-request set-var(txn.omni_key) path,field(4,/) if { method DELETE } { path_beg /__mock/systems/ } !${found}`,
    // `/ws/<system id>` names a system by its number, which every worker gives its own systems: refused, not guessed.
    `  http-request return status 404 content-type application/json string ${errorBody('omni-mock cluster: name the system of a SIP WebSocket by its key (/ws/<system key> or /ws?auth-key=<key>): system ids are per worker', 'NOT_FOUND')} if { path_reg ^/ws/[0-9]{1,7}$ }`,
    `  http-request set-var(txn.omni_key) path,field(3,/) if { path_beg /ws/ }`,
    `  http-request set-var(txn.omni_key) req.fhdr(Authorization),regsub(^Key=,) if { req.fhdr(Authorization) -m beg Key= } !{ path /ws } !${found}`,
    `  http-request set-var(txn.omni_key) url_param(auth-key) if { url_param(auth-key) -m found } !${found}`,
    `  http-request return status 400 content-type application/json string ${errorBody('omni-mock cluster: a create must name its new system key (body system_key, or Authorization: Key=<new key>) so that it reaches the worker that will own the system', 'VALIDATION_FAILED')} if METH_POST { path /__mock/systems } !${found}`,
    `  http-request set-var(txn.omni_key) str(${DEMO_SYSTEM_KEY}) unless ${found}`,
    `  http-request set-var(txn.omni_bucket) var(txn.omni_key),xxh32,mod(${RING_BUCKETS})`,
    `  use_backend %[var(txn.omni_bucket),map_int(${input.mapPath},worker-1)]`,
    '  default_backend worker-1',
    // Which worker holds a system: what moving a system's file needs to know (docs/scale-out.md).
    '  http-response set-header X-Omni-Worker %b',
  ];
  for (const w of input.workers) {
    lines.push(
      '',
      `backend worker-${w.index}`,
      '  option httpchk GET /health',
      '  http-check expect status 200',
      `  http-error status 503 content-type application/json string ${errorBody(`omni-mock cluster: worker ${w.index}, which holds this system, is down or restarting: try again shortly`, 'SERVICE_UNAVAILABLE')}`,
      `  server worker-${w.index} ${bindAddress(w.host, w.port)} check inter 500ms fall 2 rise 1`,
    );
  }
  return `${lines.join('\n')}\n`;
}
