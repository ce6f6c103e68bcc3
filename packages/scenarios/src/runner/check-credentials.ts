/**
 * The credentials of a real Omni checked once, before any scenario runs: a system key (or an agent's
 * password) that Omni refuses would otherwise fail every scenario's setup, one after another.
 *
 * @module
 */

import { AuthenticationError, OmniClient, PermissionError } from '@omnikit/sdk';
import type { Target } from '../target/target.js';

/**
 * What Omni refused: its system key (`MISSING_SYSTEM_KEY`, `INVALID_SYSTEM_KEY`), the agent's user name
 * and password (another 401 code), or — an answer without a code (`--vary errors=status-only`), a 403 — it
 * cannot be told which.
 */
export type RefusedCredential = 'system key' | 'agent' | 'credentials';

/**
 * Omni refused the configured credentials (401 or 403) when the runner checked them, before any scenario ran:
 * nothing was changed on it. `status`, `errorCode` and `detail` are Omni's answer.
 *
 * @example
 * ```ts
 * import { CredentialsRefusedError, runSuite, type SuiteOptions } from '@omnikit/scenarios';
 *
 * async function run(options: SuiteOptions) {
 *   try {
 *     return await runSuite([], options);
 *   } catch (error) {
 *     if (error instanceof CredentialsRefusedError) console.error(error.refused, error.status, error.errorCode);
 *     throw error;
 *   }
 * }
 * ```
 */
export class CredentialsRefusedError extends Error {
  readonly refused: RefusedCredential;
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly detail: string;
  /** The agent whose user name and password were sent. */
  readonly userName: string;
  /** Omni's answer in one phrase: `401 INVALID_SYSTEM_KEY: <detail>`. */
  readonly answer: string;

  constructor(init: {
    refused: RefusedCredential;
    status: number;
    errorCode: string | undefined;
    detail: string;
    userName: string;
    cause: unknown;
  }) {
    const what =
      init.refused === 'system key'
        ? 'the system key'
        : init.refused === 'agent'
          ? `${init.userName}'s user name and password`
          : `the system key or ${init.userName}'s user name and password`;
    const answer = answerOf(init);
    super(`Omni refused ${what} (${answer})`, { cause: init.cause });
    this.name = 'CredentialsRefusedError';
    this.refused = init.refused;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.userName = init.userName;
    this.answer = answer;
  }
}

/** `401 INVALID_SYSTEM_KEY: the system key is not …`: the status, the code if any, Omni's words. */
function answerOf(a: { status: number; errorCode: string | undefined; detail: string }): string {
  return `${a.status}${a.errorCode ? ` ${a.errorCode}` : ''}${a.detail ? `: ${a.detail}` : ''}`;
}

const SYSTEM_KEY_CODES = new Set(['MISSING_SYSTEM_KEY', 'INVALID_SYSTEM_KEY']);

/** An authorize's failure as a refusal of the credentials, when it is one (401, 403); else undefined. */
export function refusedCredentials(error: unknown, userName: string): CredentialsRefusedError | undefined {
  if (!(error instanceof AuthenticationError || error instanceof PermissionError)) return undefined;
  const code = error.errorCode;
  const refused: RefusedCredential =
    code && SYSTEM_KEY_CODES.has(code) ? 'system key' : code && error.status === 401 ? 'agent' : 'credentials';
  return new CredentialsRefusedError({
    refused,
    status: error.status,
    errorCode: code,
    detail: error.detail,
    userName,
    cause: error,
  });
}

/**
 * Authorizes the target's first agent once (`POST /omni/user/authorize`, with the system key: what every
 * scenario's setup does first), changing nothing. Throws a `CredentialsRefusedError` when Omni refuses the
 * credentials, and the sdk's error when it cannot be reached (`ConnectionError`) or fails otherwise.
 */
export async function checkCredentials(target: Target, opts: { signal?: AbortSignal } = {}): Promise<void> {
  const system = await target.open({ seed: 1, clock: 'real' });
  try {
    const agent = system.agent(0);
    if (!agent) throw new Error('no agent credentials');
    const client = new OmniClient({ baseUrl: system.baseUrl, systemKey: system.systemKey, fetch: system.fetch });
    try {
      await client.authorize(agent.userName, agent.password, opts.signal ? { signal: opts.signal } : {});
    } catch (error) {
      throw refusedCredentials(error, agent.userName) ?? error;
    }
  } finally {
    await system.close().catch(() => {});
  }
}
