import { phoneNumber } from '@omnikit/contracts';
import type { FetchLike } from '@omnikit/sdk';
import { isOmniTimeZone, timeZoneProblem } from './omni-time-zone.js';
import type { AgentCredentials, Target, TargetSystem } from './target.js';

/**
 * A real Omni (or a mock in `--strict` mode standing in for one), configured only through the
 * environment, never through files in the repository:
 *
 * | variable | |
 * |---|---|
 * | `OMNI_BASE_URL`, `OMNI_SYSTEM_KEY` | required |
 * | `OMNI_AGENT_USER`, `OMNI_AGENT_PASSWORD`, `OMNI_AGENT_EXTENSION`, `OMNI_AGENT_WEBRTC_PASSWORD` | the first agent (required) |
 * | `OMNI_AGENT2_USER`, … `OMNI_AGENT5_…` | more agents (optional; the same four names) |
 * | `OMNI_TEST_NUMBERS` | comma-separated numbers it is safe to dial; nothing else is ever dialled |
 * | `OMNI_SIP_SERVER` | the WebRTC server (default `ws(s)://<host of OMNI_BASE_URL>/ws`) |
 * | `OMNI_WEBHOOK_PUBLIC_URL` | a public URL forwarding to the local receiver, when Omni cannot reach this machine |
 * | `OMNI_NOTIFICATION_SECRET` | the secret of the system's own endpoint, put back with it afterwards |
 * | `OMNI_TIME_ZONE` | Omni's own time zone (`Africa/Johannesburg`, `+02:00`), for its date-times without a zone (default: none, read as UTC) |
 *
 * @example
 * ```ts
 * import { readRealTargetConfig, type RealTargetConfig } from '@omnikit/scenarios';
 *
 * const read = readRealTargetConfig(process.env);
 * const config: RealTargetConfig | undefined = read.ok ? read.config : undefined;
 * console.log(config ? `${config.testNumbers.length} test numbers` : read.ok || read.error);
 * ```
 */
export interface RealTargetConfig {
  baseUrl: string;
  systemKey: string;
  agents: AgentCredentials[];
  testNumbers: string[];
  sipServer: string;
  webhookPublicUrl: string | undefined;
  restoreSecret: string | undefined;
  /**
   * Omni's time zone (`OMNI_TIME_ZONE`: an IANA name or `±HH:MM`): answers' date-times without a zone are read
   * in it, and a scenario's instants are sent as Omni's wall-clock time there. Undefined: UTC, sent as given.
   */
  timeZone?: string | undefined;
}

export type RealConfigResult = { ok: true; config: RealTargetConfig } | { ok: false; error: string };

type Env = Record<string, string | undefined>;

function readAgent(env: Env, prefix: string): AgentCredentials | undefined | string {
  const names = ['USER', 'PASSWORD', 'EXTENSION', 'WEBRTC_PASSWORD'].map((n) => `${prefix}_${n}`);
  const values = names.map((n) => env[n]?.trim() || undefined);
  if (values.every((v) => v === undefined)) return undefined;
  const missing = names.filter((_, i) => values[i] === undefined);
  if (missing.length > 0) return `${missing.join(', ')} not set`;
  const [userName, password, extension, webrtcPassword] = values as string[];
  return { userName, password, extension, webrtcPassword } as AgentCredentials;
}

/**
 * Reads a real Omni's configuration from the environment (the variables above); says what is missing.
 *
 * @example
 * ```ts
 * import { readRealTargetConfig } from '@omnikit/scenarios';
 *
 * const read = readRealTargetConfig(process.env);
 * if (!read.ok) throw new Error(read.error); // names each variable that is missing or malformed
 * ```
 */
export function readRealTargetConfig(env: Env): RealConfigResult {
  const baseUrl = env.OMNI_BASE_URL?.trim();
  const systemKey = env.OMNI_SYSTEM_KEY?.trim();
  if (!baseUrl || !systemKey) return { ok: false, error: 'OMNI_BASE_URL and OMNI_SYSTEM_KEY must be set' };
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { ok: false, error: `OMNI_BASE_URL is not a URL: "${baseUrl}"` };
  }
  const agents: AgentCredentials[] = [];
  for (const prefix of ['OMNI_AGENT', 'OMNI_AGENT2', 'OMNI_AGENT3', 'OMNI_AGENT4', 'OMNI_AGENT5']) {
    const agent = readAgent(env, prefix);
    if (typeof agent === 'string') return { ok: false, error: agent };
    if (agent) agents.push(agent);
  }
  if (agents.length === 0)
    return {
      ok: false,
      error: 'agent credentials must be set: OMNI_AGENT_USER, _PASSWORD, _EXTENSION, _WEBRTC_PASSWORD',
    };
  const testNumbers = (env.OMNI_TEST_NUMBERS ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  const bad = testNumbers.find((n) => !phoneNumber.safeParse(n).success);
  if (bad) return { ok: false, error: `OMNI_TEST_NUMBERS: "${bad}" is not a phone number` };
  const sipServer = env.OMNI_SIP_SERVER?.trim() || `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/ws`;
  const timeZone = env.OMNI_TIME_ZONE?.trim() || undefined;
  if (timeZone !== undefined && !isOmniTimeZone(timeZone))
    return { ok: false, error: timeZoneProblem('OMNI_TIME_ZONE', timeZone) };
  return {
    ok: true,
    config: {
      baseUrl: baseUrl.replace(/\/$/, ''),
      systemKey,
      agents,
      testNumbers,
      sipServer,
      webhookPublicUrl: env.OMNI_WEBHOOK_PUBLIC_URL?.trim() || undefined,
      restoreSecret: env.OMNI_NOTIFICATION_SECRET?.trim() || undefined,
      timeZone,
    },
  };
}

/**
 * The real Omni: no control API, no magic numbers, no messaging (not published by TForge), its own
 * clock, the configured agents only.
 *
 * @example
 * ```ts
 * import { createRealTarget, formatContractTable, readRealTargetConfig, runContractSuite } from '@omnikit/scenarios';
 *
 * const read = readRealTargetConfig(process.env);
 * if (read.ok) console.log(formatContractTable(await runContractSuite(createRealTarget(read.config))));
 * ```
 */
export function createRealTarget(config: RealTargetConfig, fetch?: FetchLike): Target {
  const f: FetchLike = fetch ?? ((request) => globalThis.fetch(request));
  return {
    kind: 'real',
    label: `real Omni at ${config.baseUrl}`,
    async open(): Promise<TargetSystem> {
      return {
        baseUrl: config.baseUrl,
        systemKey: config.systemKey,
        fetch: f,
        // TForge publishes no messaging API (its overview lists the channels as upcoming).
        capabilities: { control: false, magicNumbers: false, messaging: false },
        testNumbers: config.testNumbers,
        agent: (i) => config.agents[i],
        sipServer: async () => config.sipServer,
        timeZone: async () => config.timeZone,
        notificationSecret: config.restoreSecret,
        control: undefined,
        async close() {},
      };
    },
    async close() {},
  };
}
