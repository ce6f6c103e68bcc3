import { parseClockStart, SIP_MEDIA_MODES, type SipMediaMode } from '@omnikit/contracts/control';
import { parseVary, type Variation, VaryError } from '@omnikit/contracts/variants';
import { parseClockSetting } from '../engine/clock.js';
import { SIMULATE_HELP_TEXT } from '../simulate/parse-simulate-args.js';
import { parseHostOption } from './parse-host-option.js';
import { parsePortOption } from './parse-port-option.js';
import { type ProxyCliOptions, parseProxyArgs } from './parse-proxy-args.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';

/** The `omni-mock` command line, parsed without reading the process: main.ts passes argv in. */
export interface CliOptions {
  port: number;
  host: string;
  db: string | undefined;
  seed: number;
  clock: string;
  clockStart: string | undefined;
  reset: boolean;
  adminKey: string | undefined;
  /** Host names served beyond loopback, IP addresses and --host (`--allow-host`, repeatable; `*` any). */
  allowHosts: string[];
  /** Browser origins beyond the mock's own allowed on the control API (`--allow-origin`, repeatable). */
  allowOrigins: string[];
  /** Check every answer against its contract (catches a mock bug; costs about a third of a read). */
  validateResponses: boolean;
  /** Wall-clock ms a SIP phone has to answer the bridge call of its campaign login. */
  bridgeAnswerTimeoutMs: number;
  /** Behave as a real Omni: no control API, no magic numbers, test lines. */
  strict: boolean;
  /** Media of the bridge legs to WebRTC phones: fake (SDP only) or webrtc (real audio). */
  media: SipMediaMode;
  /** The plausible Omni new systems play (`--vary`; `random` is drawn from `--seed`). */
  vary: Variation;
  /** `--vary` was given (not `default`): the banner prints the variation even when a random draw is the default. */
  varyGiven: boolean;
  /** Print a line of load statistics (event-loop delay, memory, GC, checkpoints) every N seconds. */
  statsSeconds: number | undefined;
  help: boolean;
  version: boolean;
}

export type CliParse = { ok: true; options: CliOptions } | { ok: false; error: string };

/** The whole command line: the mock itself, or a subcommand with its own options. */
export type CommandParse =
  | { ok: true; command: 'serve'; options: CliOptions }
  | { ok: true; command: 'proxy'; options: ProxyCliOptions }
  | { ok: false; command: 'serve' | 'proxy'; error: string };

/** Reads the first argument as a subcommand (`proxy`), else the arguments are the mock's own. */
export function parseCommand(argv: string[]): CommandParse {
  if (argv[0] === 'proxy') {
    const parsed = parseProxyArgs(argv.slice(1));
    return parsed.ok
      ? { ok: true, command: 'proxy', options: parsed.options }
      : { ok: false, command: 'proxy', error: parsed.error };
  }
  const parsed = parseCliArgs(argv);
  return parsed.ok
    ? { ok: true, command: 'serve', options: parsed.options }
    : { ok: false, command: 'serve', error: parsed.error };
}

export const HELP_TEXT = `omni-mock — a stateful simulation of TForge's Omni (REST, control API, docs)

Usage: omni-mock [options]
       omni-mock proxy --target <url> [options]   (omni-mock proxy --help)
       omni-mock replay <file.jsonl> [options]    (omni-mock replay --help)
       omni-mock cluster --workers <n> --port <n> --dir <dir>   N workers behind HAProxy (omni-mock cluster --help)
       omni-mock system export|import …   move one system between databases (omni-mock system --help)
       omni-mock simulate [options]   a blended campaign's day as an HTML report (below)

Commands:
  proxy               a validating, recording proxy in front of a real Omni: forwards every request
                      unchanged and reports how the answers and notifications differ from the
                      contracts. Its options (omni-mock proxy --help):
    --target <url>    the real Omni's base URL (required)
    --record <file.jsonl>  record every exchange, secrets redacted, numbers masked
    --keep-numbers    keep phone numbers in the recording
    --report <file>   the drift report, .md or .json
    --tap-forward <url>  the CRM's webhook the tap (POST /__proxy/webhook) forwards to
    (and --port, default 4011, and --host)
  replay              serve a proxy recording back as a stand-in for the Omni it recorded: exact
                      requests first, then by route, repeated requests in recorded order
                      (omni-mock replay <file.jsonl>; its options: omni-mock replay --help)

Options:
  --port <n>          port to listen on (default 4010; 0 picks a free port and prints it)
  --host <host>       address to listen on (default 127.0.0.1); beyond loopback --admin-key is required.
                      Requests are served when their Host header is a loopback name (localhost,
                      127.0.0.0/8, [::1]), an IP address, this --host, or an --allow-host name;
                      with 0.0.0.0 or :: also this machine's host name. Another Host (a
                      DNS-rebinding page) is 403 FORBIDDEN_ORIGIN
  --allow-host <name> one more host name the mock answers to (repeatable; * answers any Host)
  --allow-origin <origin>
                      one more browser origin that may call the control API and open the SIP
                      WebSocket (repeatable), e.g. the agent console's http://127.0.0.1:4020 (npm start
                      passes it). Pages of any other origin get 403 FORBIDDEN_ORIGIN from /__mock, and
                      403 at the /ws handshake unless their origin is loopback
  --db <path>         SQLite file (default: omni.db in the per-user data directory,
                      $XDG_DATA_HOME/omnikit or ~/.local/share/omnikit, on macOS
                      ~/Library/Application Support/omnikit, on Windows %LOCALAPPDATA%\\omnikit;
                      created if missing); :memory: keeps nothing. One mock per file: <path>.lock
                      names the mock using it
  --seed <n>          seed of new systems (default 1): the same seed gives the same demo data
  --clock <mode>      clock of new systems: real | manual | scaled:N (default real)
  --clock-start <iso> the virtual instant new systems start at (default: the current time for a real
                      or scaled clock, so token expiry dates lie ahead; Monday 2026-01-05T08:00:00.000Z
                      for a manual clock). On restart a real or scaled clock found behind the
                      current time resumes at it; a manual clock stands where it stood
  --reset             delete the database first and start from the demo data (not while a mock uses it)
  --admin-key <key>   needed in X-Mock-Admin-Key on every control route but /health (required beyond
                      loopback); OMNI_MOCK_ADMIN_KEY passes it to omnikit-scenarios and the console
  --validate-responses  check every answer against its contract (off by default: the tests do it)
  --bridge-answer-timeout <ms>  wall-clock time a WebRTC phone has to answer the bridge call of a
                      campaign login before the login fails with 409 (default 30000)
  --strict            behave as a real Omni: no /__mock control API (only /health), no magic numbers;
                      the demo key, users and test lines 0870000001-0870000005 (answer after 1 s)
  --media <mode>      audio on the bridge call to a WebRTC phone: fake (default: valid SDP, no audio;
                      a browser's phone takes the call too, silent)
                      or webrtc (real WebRTC: the customer's side plays a generated voice, two
                      tones swelling four times a second, while a call is bridged and counts the
                      phone's RTP; GET /__mock/sip/media shows the counters)
  --vary <spec>       answer as another plausible Omni where the wiki is silent: axis=value pairs,
                      comma-separated (e.g. errors=ok-false,dates=vicidial), the other axes at their
                      defaults; or random (drawn from --seed, printed at start). Axes: errors
                      (coded|ok-false|status-only), dates (iso-z|vicidial|iso-offset), ids
                      (integers|strings), tokens (several|revoke-older|short-lived), notifications
                      (signed|unsigned|twice|swapped|at-most-once), extras (exact|extra-fields).
                      Combines with --strict; per system through the control API too
  --stats <s>         every s seconds print one line of load statistics to stdout: longest event-loop
                      delay, GC pauses, memory by part, WAL checkpoints (the soak bench reads it)
  --help              print this help
  --version           print the version

A bad environment (unusable --db, port in use, database in use or corrupt) exits 1 with one line
saying what to do. Docs: http://<host>:<port>/docs once started.

${SIMULATE_HELP_TEXT}`;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

export function parseCliArgs(argv: string[]): CliParse {
  const args = parseSubcommandArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    seed: { type: 'string' },
    clock: { type: 'string' },
    'clock-start': { type: 'string' },
    reset: { type: 'boolean' },
    'admin-key': { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    'allow-origin': { type: 'string', multiple: true },
    'validate-responses': { type: 'boolean' },
    'bridge-answer-timeout': { type: 'string' },
    strict: { type: 'boolean' },
    media: { type: 'string' },
    stats: { type: 'string' },
    vary: { type: 'string' },
    help: { type: 'boolean' },
    version: { type: 'boolean' },
  });
  if (!args.ok) return args;
  const { values } = args;
  const str = (k: keyof typeof values) => values[k] as string | undefined;
  const portOption = parsePortOption(str('port'), 4010);
  if ('error' in portOption) return { ok: false, error: portOption.error };
  const { port } = portOption;
  const seed = Number(str('seed') ?? '1');
  if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) {
    return { ok: false, error: `--seed must be an integer from 0 to 2147483647, not "${str('seed')}"` };
  }
  const clock = str('clock') ?? 'real';
  try {
    parseClockSetting(clock);
  } catch (error) {
    return { ok: false, error: `--clock: ${(error as Error).message}` };
  }
  const clockStart = str('clock-start');
  const start = clockStart === undefined ? undefined : parseClockStart(clockStart);
  if (start && !start.ok) return { ok: false, error: `--clock-start ${start.problem}, not "${clockStart}"` };
  const bridgeAnswerTimeoutMs = Number(str('bridge-answer-timeout') ?? '30000');
  if (!Number.isInteger(bridgeAnswerTimeoutMs) || bridgeAnswerTimeoutMs < 1 || bridgeAnswerTimeoutMs > 600_000) {
    return {
      ok: false,
      error: `--bridge-answer-timeout must be an integer number of ms from 1 to 600000, not "${str('bridge-answer-timeout')}"`,
    };
  }
  const strict = values.strict === true;
  if (strict && clock === 'manual')
    return { ok: false, error: '--strict needs a clock that moves by itself (real or scaled:N), not manual' };
  const media = str('media') ?? 'fake';
  if (!isMediaMode(media)) {
    return { ok: false, error: `--media must be one of ${SIP_MEDIA_MODES.join(', ')}, not "${media}"` };
  }
  const stats = str('stats');
  const statsSeconds = stats === undefined ? undefined : Number(stats);
  if (statsSeconds !== undefined && !(Number.isInteger(statsSeconds) && statsSeconds >= 1 && statsSeconds <= 3600)) {
    return { ok: false, error: `--stats must be an integer number of seconds from 1 to 3600, not "${stats}"` };
  }
  const varyText = (str('vary') ?? '').trim();
  let vary: Variation;
  try {
    vary = parseVary(varyText, seed);
  } catch (error) {
    if (error instanceof VaryError) return { ok: false, error: `--vary: ${error.message}` };
    throw error;
  }
  // `[::1]` (the form the "listening on" line prints) is `::1` to listen() and to the loopback rule.
  const hostOption = parseHostOption(str('host'), '127.0.0.1');
  if ('error' in hostOption) return { ok: false, error: hostOption.error };
  const { host } = hostOption;
  const adminKey = str('admin-key');
  if (adminKey !== undefined && adminKey.length < 8)
    return { ok: false, error: '--admin-key must be at least 8 characters' };
  const allowHosts = (values['allow-host'] as string[] | undefined) ?? [];
  const badHost = allowHosts.find((h) => h !== '*' && !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)$/.test(h));
  if (badHost !== undefined)
    return { ok: false, error: `--allow-host must be a host name (no scheme, no port) or *, not "${badHost}"` };
  const allowOrigins = (values['allow-origin'] as string[] | undefined) ?? [];
  const badOrigin = allowOrigins.find((o) => !isOrigin(o));
  if (badOrigin !== undefined)
    return { ok: false, error: `--allow-origin must be an origin like http://127.0.0.1:4020, not "${badOrigin}"` };
  const help = values.help === true;
  const version = values.version === true;
  if (!help && !version && !isLoopback(host) && adminKey === undefined) {
    return { ok: false, error: `--admin-key is required when --host is not loopback (${host})` };
  }
  return {
    ok: true,
    options: {
      port,
      host,
      db: str('db'),
      seed,
      clock,
      clockStart,
      reset: values.reset === true,
      adminKey,
      allowHosts,
      allowOrigins,
      validateResponses: values['validate-responses'] === true,
      bridgeAnswerTimeoutMs,
      strict,
      media,
      vary,
      varyGiven: varyText !== '' && varyText !== 'default',
      statsSeconds,
      help,
      version,
    },
  };
}

/** `http(s)://host[:port]` and nothing more (a trailing slash is tolerated). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function isMediaMode(value: string): value is SipMediaMode {
  return (SIP_MEDIA_MODES as readonly string[]).includes(value);
}
