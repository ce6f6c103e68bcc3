import { describeVariation, isDefaultVariation, type Variation } from '@omnikit/contracts/variants';
import { DEMO_SYSTEM_KEY, DEMO_USERS } from '../engine/systems/demo-data.js';

/** What the CLI prints once listening: where, which key, who can log in, where the docs are. */
export function startBanner(info: {
  url: string;
  db: string;
  /** No `--db` was given: say that this is the per-user default and how to choose another. */
  dbIsDefault?: boolean;
  clock: string;
  version: string;
  /** Wall-clock ms a WebRTC phone has to answer its login's bridge call (default 30000). */
  bridgeAnswerTimeoutMs?: number;
  /** The SIP digest realm (default `omni.mock`). */
  realm?: string;
  /** Strict mode: say there is no control API and list the test lines. */
  strict?: { testLines: readonly string[] };
  /** Media of the bridge legs (default fake). */
  media?: 'fake' | 'webrtc';
  /** `--vary`: printed when it is not the contracts' own shapes, or when `--vary` was given (a random draw may be). */
  variation?: Variation;
  varyGiven?: boolean;
  /**
   * The demo system's own variation, when it has one (set through the control API, kept in the database): it plays
   * that, not `--vary`, so a restart on the same database says so.
   */
  demoVariation?: Variation;
}): string {
  const rows = DEMO_USERS.map(
    (u) =>
      `  ${String(u.userId).padEnd(3)} ${u.userName.padEnd(8)} ${u.password.padEnd(11)} ${u.extension.padEnd(10)} ${u.webrtcPassword}`,
  );
  return [
    `Omni mock ${info.version} listening on ${info.url}`,
    `  system key : ${DEMO_SYSTEM_KEY}   (Authorization: Key=${DEMO_SYSTEM_KEY})`,
    `  database   : ${info.db}`,
    ...(info.dbIsDefault
      ? ['               (the per-user default; --db <path> for another, --db :memory: for none)']
      : []),
    `  clock      : ${info.clock} (new systems)`,
    ...(info.variation && (info.varyGiven || !isDefaultVariation(info.variation))
      ? [`  variation  : ${describeVariation(info.variation)}   (--vary)`]
      : []),
    ...(info.demoVariation
      ? [
          `  demo system: plays its own variation ${describeVariation(info.demoVariation)}`,
          '               (kept in the database; PUT /__mock/system/variation {"vary":null} makes it follow --vary)',
        ]
      : []),
    '',
    'Demo users:',
    '  id  user     password    extension  webrtc password',
    ...rows,
    '',
    "WebRTC softphone (SIP over WebSocket, e.g. sip.js or TForge's sample webphone):",
    `  server     : ${info.url.replace(/^http/, 'ws')}/ws   (subprotocol sip; another system: /ws/<system key or id>)`,
    `  realm      : ${info.realm ?? 'omni.mock'}   user: the extension   password: its webrtc password (above)`,
    `  login      : answers once the phone picks up its bridge call (within ${info.bridgeAnswerTimeoutMs ?? 30_000} ms, else 409)`,
    info.media === 'webrtc'
      ? `  media      : webrtc — a bridged customer call plays a generated voice (two tones, Opus)${info.strict ? '' : '; counters: GET /__mock/sip/media'}`
      : '  media      : fake (SDP only, no audio; --media webrtc for real audio)',
    '',
    ...(info.strict
      ? [
          'STRICT mode: behaves as a real Omni — no control API (only /health), no magic numbers.',
          `  test lines : ${info.strict.testLines.join(', ')} (answer after 1 s; OMNI_TEST_NUMBERS)`,
          `API reference: ${info.url}/docs   OpenAPI: ${info.url}/openapi.json`,
        ]
      : [
          `API reference: ${info.url}/docs   OpenAPI: ${info.url}/openapi.json   Control API: ${info.url}/__mock/system`,
        ]),
  ].join('\n');
}
