/**
 * The `omni-mock replay` command line, parsed without reading the process: main.ts passes argv in.
 *
 * @module
 */

import { parseHostOption } from '../cli/parse-host-option.js';
import { parsePortOption } from '../cli/parse-port-option.js';
import { parseSubcommandArgs } from '../cli/parse-subcommand-args.js';

export interface ReplayOptions {
  readonly file: string;
  readonly port: number;
  readonly host: string;
  readonly help: boolean;
}

export type ReplayParse = { ok: true; options: ReplayOptions } | { ok: false; error: string };

export const REPLAY_HELP_TEXT = `omni-mock replay — serve a recording of omni-mock proxy back, as a stand-in for the Omni it recorded

Usage: omni-mock replay <file.jsonl> [options]

Options:
  --port <n>          port to listen on (default 4012; 0 picks a free port and prints it)
  --host <host>       address to listen on (default 127.0.0.1; IPv6 as ::1 or [::1])
  --help              print this help

Matching: a request gets the recorded answer of the same exact request (method, path, query and
body; headers and credentials are never compared, auth-key is ignored and a redacted placeholder
matches any value), else of a recorded request for the same route (the contracts' route, path
parameters free: /omni/voice/{user_id}/call/{call_id}). Repeated requests are a cassette: the n-th
matching request gets the n-th recorded answer, and after the last one the last one again. A
request nothing answers gets 404 ROUTE_NOT_FOUND naming the closest recorded request. Binary
bodies (recordings' WAVs) are served as the bytes recorded. Notifications in the recording are not
posted again. A missing or bad file (not JSON Lines, a line that is not a recording line: its
number is given) exits 2.`;

/** Parses the arguments after `replay`. */
export function parseReplayArgs(argv: readonly string[]): ReplayParse {
  const args = parseSubcommandArgs(
    argv,
    { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
    { allowPositionals: true },
  );
  if (!args.ok) return args;
  const { values, positionals } = args;
  const help = values.help === true;
  const portOption = parsePortOption(typeof values.port === 'string' ? values.port : undefined, 4012);
  if ('error' in portOption) return { ok: false, error: portOption.error };
  const { port } = portOption;
  if (values.host === '') return { ok: false, error: '--host must not be empty' };
  // `[::1]` (the form the "listening on" line prints) is `::1` to listen(), which looks `[::1]` up as a name.
  const hostOption = parseHostOption(typeof values.host === 'string' ? values.host : undefined, '127.0.0.1');
  if ('error' in hostOption) return { ok: false, error: hostOption.error };
  const { host } = hostOption;
  if (positionals.length > 1) {
    return { ok: false, error: `one recording at a time, not ${positionals.length}: ${positionals.join(' ')}` };
  }
  const file = positionals[0];
  if (file === undefined && !help) return { ok: false, error: 'which recording? omni-mock replay <file.jsonl>' };
  return { ok: true, options: { file: file ?? '', port, host, help } };
}
