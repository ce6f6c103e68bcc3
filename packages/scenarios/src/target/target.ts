/**
 * The port the runner and the contract suite drive: a `Target` opens a `TargetSystem` per
 * scenario (a fresh system on the mock, the configured one on a real Omni) and says what it can do.
 * mock-target.ts and real-target.ts are its adapters.
 *
 * @module
 */

import type { Variation } from '@omnikit/contracts/variants';
import type { FetchLike } from '@omnikit/sdk';
import type { ControlClient } from './control-client.js';

/**
 * What a target can do beyond Omni's own API; a scenario step needing more is reported `not run`.
 *
 * @example
 * ```ts
 * import type { TargetSystem } from '@omnikit/scenarios';
 *
 * const canUseMagicNumbers = (system: TargetSystem) => system.capabilities.magicNumbers;
 * const canMessage = (system: TargetSystem) => system.capabilities.messaging; // false on a real Omni
 * ```
 */
export interface TargetCapabilities {
  /** The mock's control API (`/__mock/*`): virtual phones, callee rules, clock, faults, inbound… */
  control: boolean;
  /** B.10's magic numbers. */
  magicNumbers: boolean;
  /**
   * Messaging and social channels (SMS, WhatsApp, email, Messenger: B.12, every route inferred).
   * TForge has published no API for them, so a real Omni has none: what needs them is `not run`.
   */
  messaging: boolean;
}

/**
 * One agent's credentials: REST (user name, password) and the WebRTC phone (extension, its password).
 *
 * @example
 * ```ts
 * import type { AgentCredentials } from '@omnikit/scenarios';
 *
 * const agent1: AgentCredentials = { userName: 'agent1', password: 'password1', extension: '1001', webrtcPassword: 'webrtc1' };
 * ```
 */
export interface AgentCredentials {
  userName: string;
  password: string;
  extension: string;
  webrtcPassword: string;
}

/**
 * A system (tenant) a scenario runs on: fresh on the mock, the configured one on a real Omni.
 *
 * @example
 * ```ts
 * import { OmniClient } from '@omnikit/sdk';
 * import { createInprocTarget } from '@omnikit/scenarios';
 *
 * const target = await createInprocTarget();
 * const system = await target.open({ seed: 1, clock: 'manual' });
 * const client = new OmniClient({ baseUrl: system.baseUrl, systemKey: system.systemKey, fetch: system.fetch });
 * await system.close();
 * await target.close();
 * ```
 */
export interface TargetSystem {
  readonly baseUrl: string;
  readonly systemKey: string;
  readonly fetch: FetchLike;
  readonly capabilities: TargetCapabilities;
  /** Numbers it is safe to dial (`OMNI_TEST_NUMBERS`; the mock's test lines). */
  readonly testNumbers: readonly string[];
  /** The i-th agent a scenario may use, if there is one. */
  agent(index: number): AgentCredentials | undefined;
  /** The SIP-over-WebSocket server for OmniPhone, when reachable. */
  sipServer(): Promise<string | undefined>;
  /**
   * The system's time zone (an IANA name or `±HH:MM`), in which it reads and writes date-times that name no zone
   * (`YYYY-MM-DD HH:MM:SS`): `OMNI_TIME_ZONE` on a real Omni, the office hours' `time_zone` on the mock. Undefined
   * (or no such method): not known — answers are read as UTC and date-times sent as the scenario gives them.
   */
  timeZone?(): Promise<string | undefined>;
  /**
   * The secret of the system's own notification endpoint (`OMNI_NOTIFICATION_SECRET`): Omni never
   * echoes it, so without it a signed endpoint could not be put back as it was.
   */
  readonly notificationSecret?: string | undefined;
  /** The control API, on the mock only. */
  readonly control: ControlClient | undefined;
  /** Deletes a fresh mock system; nothing on a real Omni (the runner restores what it changed). */
  close(): Promise<void>;
}

/**
 * Which kind of target: a mock in this process, a mock at a URL, or a real Omni.
 *
 * @example
 * ```ts
 * import type { Target } from '@omnikit/scenarios';
 *
 * const isMock = (target: Target) => target.kind !== 'real';
 * ```
 */
export type TargetKind = 'inproc' | 'mock-url' | 'real';

/**
 * Where scenarios run: opens one system per scenario (`open`), and is closed once at the end.
 *
 * @example
 * ```ts
 * import { createInprocTarget, createRealTarget, readRealTargetConfig, type Target } from '@omnikit/scenarios';
 *
 * const config = readRealTargetConfig(process.env);
 * const target: Target = config.ok ? createRealTarget(config.config) : await createInprocTarget();
 * console.log(`running on ${target.label}`);
 * ```
 */
export interface Target {
  readonly kind: TargetKind;
  /** For reports: `in-process mock`, the URL… */
  readonly label: string;
  /** The plausible Omni the in-process mock plays (`--vary`); integrations start their own mock playing it too. */
  readonly variation?: Variation;
  open(opts: { seed: number; clock: 'manual' | 'real' }): Promise<TargetSystem>;
  close(): Promise<void>;
}
