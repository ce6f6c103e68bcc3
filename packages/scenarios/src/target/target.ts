import type { FetchLike } from '@omnikit/sdk';
import type { ControlClient } from './control-client.js';

/** What a target can do beyond Omni's own API; a scenario step needing more is reported `not run`. */
export interface TargetCapabilities {
  /** The mock's control API (`/__mock/*`): virtual phones, callee rules, clock, faults, inbound… */
  control: boolean;
  /** B.10's magic numbers. */
  magicNumbers: boolean;
}

/** One agent's credentials: REST (user name, password) and the WebRTC phone (extension, its password). */
export interface AgentCredentials {
  userName: string;
  password: string;
  extension: string;
  webrtcPassword: string;
}

/** A system (tenant) a scenario runs on: fresh on the mock, the configured one on a real Omni. */
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
   * The secret of the system's own notification endpoint (`OMNI_NOTIFICATION_SECRET`): Omni never
   * echoes it, so without it a signed endpoint could not be put back as it was.
   */
  readonly notificationSecret?: string | undefined;
  /** The control API, on the mock only. */
  readonly control: ControlClient | undefined;
  /** Deletes a fresh mock system; nothing on a real Omni (the runner restores what it changed). */
  close(): Promise<void>;
}

export type TargetKind = 'inproc' | 'mock-url' | 'real';

export interface Target {
  readonly kind: TargetKind;
  /** For reports: `in-process mock`, the URL… */
  readonly label: string;
  open(opts: { seed: number; clock: 'manual' | 'real' }): Promise<TargetSystem>;
  close(): Promise<void>;
}
