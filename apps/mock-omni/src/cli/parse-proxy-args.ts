/**
 * The `omni-mock proxy` command line, parsed without reading the process: main.ts passes the
 * arguments after `proxy` in.
 *
 * @module
 */

import { extname, resolve } from 'node:path';
import { TARGET_TIMEOUT_MS } from '../proxy/forward-exchange.js';
import { parseHttpUrl } from '../proxy/parse-http-url.js';
import { parseHostOption } from './parse-host-option.js';
import { parsePortOption } from './parse-port-option.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';

export interface ProxyCliOptions {
  /** The real Omni's base URL (http or https), without a query. */
  target: URL;
  port: number;
  /** The address (an IPv6 one without brackets) or host name to listen on. */
  host: string;
  /** JSON Lines file every exchange is appended to (truncated at start). */
  record: string | undefined;
  /** Keep phone numbers as they are in the recording. */
  keepNumbers: boolean;
  /** Where the drift report is written: Markdown (`.md`) or JSON (`.json`). */
  report: string | undefined;
  /** The CRM endpoint the webhook tap forwards notifications to. */
  tapForward: URL | undefined;
  /** How long the target may keep an exchange waiting before the client gets 504, in ms. */
  targetTimeoutMs: number;
  help: boolean;
}

export type ProxyCliParse = { ok: true; options: ProxyCliOptions } | { ok: false; error: string };

export const PROXY_HELP_TEXT = `omni-mock proxy — a validating, recording proxy in front of a real Omni

Usage: omni-mock proxy --target <url> [options]

Forwards every request unchanged to --target (headers, body, status, streamed bodies such as a
recording's WAV; Host becomes the target's) and checks each exchange against the contracts off the
answer's path: a difference is reported, never answered to the client.

Options:
  --target <url>      the real Omni's base URL, http:// or https:// (required)
  --port <n>          port to listen on (default 4011; 0 picks a free port and prints it)
  --host <host>       address to listen on (default 127.0.0.1; IPv6 as ::1 or [::1]); the webhook
                      tap must be reachable from the real Omni, which may need 0.0.0.0 or ::
  --record <file.jsonl>
                      write every exchange and notification as JSON Lines (the file is replaced),
                      secrets redacted and phone numbers masked, safe to commit
  --keep-numbers      keep phone numbers as they were in the recording and the report
  --report <file>     write the drift report on every change and at exit: Markdown when the file
                      ends .md, JSON when it ends .json
  --tap-forward <url> the CRM's own webhook URL: each notification posted to the tap
                      (POST /__proxy/webhook) is forwarded to it unchanged, headers included, and
                      the tap answers as it does (settable at run time: PUT /__proxy/tap)
  --target-timeout <s>
                      how long the target may keep a request waiting, in seconds (default 30): to
                      connect (TLS included), to take the request's body, to begin its answer once
                      the request is sent, or silent in the middle of it; then the client gets 504
                      with a JSON body naming the target (an answer already begun is cut off), a
                      line goes to stderr, and the report counts it by route and stage
  --help              print this help

While it runs: GET /__proxy is the live drift report, GET /__proxy/report.json its JSON; every new
difference is one line on stderr; at exit it prints "drift: N documented, M inferred".
Bad options exit 2.`;

export function parseProxyArgs(argv: string[]): ProxyCliParse {
  const args = parseSubcommandArgs(argv, {
    target: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    record: { type: 'string' },
    'keep-numbers': { type: 'boolean' },
    report: { type: 'string' },
    'tap-forward': { type: 'string' },
    'target-timeout': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (!args.ok) return args;
  const { values } = args;
  const str = (k: keyof typeof values) => values[k] as string | undefined;
  const help = values.help === true;
  const placeholder = new URL('http://127.0.0.1/');
  const rawTarget = str('target');
  if (rawTarget === undefined && !help)
    return { ok: false, error: '--target <url> is required (the real Omni’s base URL)' };
  const target = rawTarget === undefined ? placeholder : parseHttpUrl('--target', rawTarget);
  if (typeof target === 'string') return { ok: false, error: target };
  const portOption = parsePortOption(str('port'), 4011);
  if ('error' in portOption) return { ok: false, error: portOption.error };
  const { port } = portOption;
  const hostOption = parseHostOption(str('host'), '127.0.0.1');
  if ('error' in hostOption) return { ok: false, error: hostOption.error };
  const { host } = hostOption;
  const record = str('record');
  if (record === '') return { ok: false, error: '--record needs a file name' };
  const report = str('report');
  if (report !== undefined && !['.md', '.json'].includes(extname(report).toLowerCase())) {
    return { ok: false, error: `--report must name a .md or .json file, not "${report}"` };
  }
  // The report is written by renaming a new file over its name: on the recording's, every line
  // after the first report would go to a file no name leads to any more.
  if (record !== undefined && report !== undefined && resolve(record) === resolve(report))
    return { ok: false, error: `--record and --report must be two files, not both "${report}"` };
  const rawTap = str('tap-forward');
  const tapForward = rawTap === undefined ? undefined : parseHttpUrl('--tap-forward', rawTap, true);
  if (typeof tapForward === 'string') return { ok: false, error: tapForward };
  const rawTimeout = str('target-timeout');
  const timeoutSeconds = rawTimeout === undefined ? TARGET_TIMEOUT_MS / 1000 : Number(rawTimeout);
  if (!/^\d+(\.\d+)?$/.test(rawTimeout ?? '30') || !(timeoutSeconds >= 0.1 && timeoutSeconds <= 3600))
    return { ok: false, error: `--target-timeout must be a number of seconds from 0.1 to 3600, not "${rawTimeout}"` };
  return {
    ok: true,
    options: {
      target,
      port,
      host,
      record,
      keepNumbers: values['keep-numbers'] === true,
      report,
      tapForward,
      targetTimeoutMs: Math.round(timeoutSeconds * 1000),
      help,
    },
  };
}
