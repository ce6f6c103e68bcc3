import { parseArgs } from 'node:util';
import type { ConsoleTarget } from '../shared/console-schemas.js';

/** Everything the backend is configured with (CLI flags, then the environment, then defaults). */
export interface ConsoleConfig {
  target: ConsoleTarget;
  /** Omni's base URL (the mock's by default). */
  omniUrl: string;
  /** Omni's system key: held by the backend alone. */
  systemKey: string;
  port: number;
  host: string;
  /** Where every notification is forwarded too (a developer's own CRM); none when undefined. */
  downstreamUrl: string | undefined;
  /** Signs forwarded notifications (as Omni signs them) when given. */
  downstreamSecret: string | undefined;
  /** The URL Omni reaches this backend at, for the webhook (default: the listening URL). */
  publicUrl: string | undefined;
  /** The mock's admin key (X-Mock-Admin-Key) for its control API. */
  adminKey: string | undefined;
  /** SIP over WebSocket URL the browser's phone registers at (default: the Omni URL's ws(s)://…/ws). */
  sipUrl: string;
  sipRealm: string | undefined;
  /**
   * Omni's time zone (IANA name or ±HH:MM), for the date-times it writes as `YYYY-MM-DD HH:MM:SS`
   * with no zone (VICIdial's form); undefined reads them as UTC.
   */
  omniTimeZone: string | undefined;
  /** Agents' WebRTC passwords by user name, for a real Omni (the mock's come from its control API). */
  webrtcPasswords: ReadonlyMap<string, string>;
  /** The directory of the built web app (index.html and assets). */
  webDir: string | undefined;
  /** A report of `omni-mock simulate`, opened from the supervisor view (mock only). */
  simulationReport: string | undefined;
  help: boolean;
}

export type ConfigParse = { ok: true; config: ConsoleConfig } | { ok: false; error: string };

export const MOCK_DEFAULTS = { omniUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' } as const;

export const CONSOLE_HELP = `omnikit-console — the agent's web console for TForge's Omni (against the mock or a real Omni)

Usage: omnikit-console [options]

Options (each also read from the environment variable in brackets):
  --target <mock|omni>      what the console talks to (default mock) [OMNI_TARGET]
  --omni-url <url>          Omni's base URL (default ${MOCK_DEFAULTS.omniUrl} for the mock; required for omni) [OMNI_URL]
  --system-key <key>        Omni's system key (default ${MOCK_DEFAULTS.systemKey} for the mock; required for omni) [OMNI_SYSTEM_KEY]
  --port <n>                port to listen on (default 4020; 0 picks a free port) [CONSOLE_PORT]
  --host <host>             address to listen on (default 127.0.0.1) [CONSOLE_HOST]
  --public-url <url>        the URL Omni can reach this console at, for its webhook (default: the listening URL) [CONSOLE_PUBLIC_URL]
  --downstream-url <url>    forward every notification to this URL too (your CRM); never the mock's own
                            control API (/__mock on the Omni URL's address and port) [CONSOLE_DOWNSTREAM_URL]
  --downstream-secret <s>   sign forwarded notifications with this secret, as Omni does [CONSOLE_DOWNSTREAM_SECRET]
  --admin-key <key>         the mock's admin key (X-Mock-Admin-Key), if it has one [OMNI_MOCK_ADMIN_KEY]
  --sip-url <url>           the SIP over WebSocket URL for the browser's phone (default: the Omni URL as ws(s)://…/ws) [OMNI_SIP_URL]
  --sip-realm <realm>       the SIP digest realm to hand the phone (optional) [OMNI_SIP_REALM]
  --omni-time-zone <zone>   Omni's time zone (e.g. Africa/Johannesburg or +02:00), for the date-times it
                            writes without one, as YYYY-MM-DD HH:MM:SS (default UTC) [OMNI_TIME_ZONE]
  --webrtc-password <user=password>
                            an agent's WebRTC password on a real Omni (repeatable) [OMNI_WEBRTC_PASSWORDS: user=pw,user=pw]
  --web-dir <dir>           the built web app (default: dist/web of this package)
  --simulation-report <file>
                            an omni-mock simulate report (HTML) the supervisor view opens; mock only,
                            read at each opening [CONSOLE_SIMULATION_REPORT]
  --help                    print this help

The mock's WebRTC passwords come from its control API; a real Omni's from --webrtc-password.
The backend sets Omni's notification endpoint to <public url>/webhooks/omni at each sign-in.
It serves only requests whose Host is a loopback name, an IP address, --host or the --public-url's host.`;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An IANA time zone this runtime knows, or a fixed offset `±HH:MM` (what the sdk's `timeZone` takes). */
function isTimeZone(value: string): boolean {
  if (/^[+-](0\d|1[0-8]):?[0-5]\d$/.test(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function parsePasswords(entries: readonly string[]): Map<string, string> | string {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at < 1 || at === entry.length - 1) return `"${entry}" is not user=password`;
    map.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return map;
}

/** Parses the command line and environment without reading the process: main.ts passes them in. */
export function parseConsoleConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ConfigParse {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: 'string' },
        'omni-url': { type: 'string' },
        'system-key': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'public-url': { type: 'string' },
        'downstream-url': { type: 'string' },
        'downstream-secret': { type: 'string' },
        'admin-key': { type: 'string' },
        'sip-url': { type: 'string' },
        'sip-realm': { type: 'string' },
        'omni-time-zone': { type: 'string' },
        'webrtc-password': { type: 'string', multiple: true },
        'web-dir': { type: 'string' },
        'simulation-report': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const flag = (name: string, envName?: string): string | undefined => {
    const v = values[name];
    if (typeof v === 'string') return v;
    const e = envName === undefined ? undefined : env[envName];
    return e === undefined || e === '' ? undefined : e;
  };

  const target = flag('target', 'OMNI_TARGET') ?? 'mock';
  if (target !== 'mock' && target !== 'omni')
    return { ok: false, error: `--target must be mock or omni, not "${target}"` };
  const help = values.help === true;

  let omniUrl = flag('omni-url', 'OMNI_URL');
  let systemKey = flag('system-key', 'OMNI_SYSTEM_KEY');
  if (target === 'mock') {
    omniUrl ??= MOCK_DEFAULTS.omniUrl;
    systemKey ??= MOCK_DEFAULTS.systemKey;
  } else if (!help) {
    if (omniUrl === undefined) return { ok: false, error: '--omni-url (or OMNI_URL) is required with --target omni' };
    if (systemKey === undefined)
      return { ok: false, error: '--system-key (or OMNI_SYSTEM_KEY) is required with --target omni' };
  }
  omniUrl = (omniUrl ?? '').replace(/\/+$/, '');
  if (!help && !isHttpUrl(omniUrl)) return { ok: false, error: `--omni-url must be an http(s) URL, not "${omniUrl}"` };

  const portText = flag('port', 'CONSOLE_PORT') ?? '4020';
  const port = Number(portText);
  if (!/^[0-9]+$/.test(portText) || port > 65535)
    return { ok: false, error: `--port must be an integer from 0 to 65535, not "${portText}"` };

  const urls: Record<string, string | undefined> = {
    '--public-url': flag('public-url', 'CONSOLE_PUBLIC_URL')?.replace(/\/+$/, ''),
    '--downstream-url': flag('downstream-url', 'CONSOLE_DOWNSTREAM_URL'),
  };
  for (const [name, value] of Object.entries(urls)) {
    if (value !== undefined && !isHttpUrl(value))
      return { ok: false, error: `${name} must be an http(s) URL, not "${value}"` };
  }

  const sipUrl = flag('sip-url', 'OMNI_SIP_URL') ?? `${omniUrl.replace(/^http/, 'ws')}/ws`;
  if (!help && !/^wss?:\/\//.test(sipUrl))
    return { ok: false, error: `--sip-url must be a ws(s):// URL, not "${sipUrl}"` };

  const omniTimeZone = flag('omni-time-zone', 'OMNI_TIME_ZONE');
  if (omniTimeZone !== undefined && !isTimeZone(omniTimeZone))
    return {
      ok: false,
      error: `--omni-time-zone must be an IANA time zone (e.g. Africa/Johannesburg) or an offset like +02:00, not "${omniTimeZone}"`,
    };

  const passwordEntries = Array.isArray(values['webrtc-password'])
    ? values['webrtc-password']
    : (env.OMNI_WEBRTC_PASSWORDS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  const webrtcPasswords = parsePasswords(passwordEntries);
  if (typeof webrtcPasswords === 'string') return { ok: false, error: `--webrtc-password: ${webrtcPasswords}` };

  return {
    ok: true,
    config: {
      target,
      omniUrl,
      systemKey: systemKey ?? '',
      port,
      host: flag('host', 'CONSOLE_HOST') ?? '127.0.0.1',
      downstreamUrl: urls['--downstream-url'],
      downstreamSecret: flag('downstream-secret', 'CONSOLE_DOWNSTREAM_SECRET'),
      publicUrl: urls['--public-url'],
      adminKey: flag('admin-key', 'OMNI_MOCK_ADMIN_KEY'),
      sipUrl,
      sipRealm: flag('sip-realm', 'OMNI_SIP_REALM'),
      omniTimeZone,
      webrtcPasswords,
      webDir: flag('web-dir'),
      simulationReport: flag('simulation-report', 'CONSOLE_SIMULATION_REPORT'),
      help,
    },
  };
}
