import { timingSafeEqual } from 'node:crypto';
import type { AgentResources, AgentSession } from '@omnikit/sdk';

/**
 * One signed-in agent: the sdk session (its Omni token) and the console's own secrets. `omni` and `agent` are
 * the agent's one Omni session in this console, shared by its sessions in every browser (see `create`).
 */
export interface ConsoleSession {
  /** The cookie's value: a long random id. */
  readonly id: string;
  /** The per-session CSRF token, sent back in `X-CSRF-Token` on mutating calls. */
  readonly csrfToken: string;
  readonly userId: number;
  readonly userName: string;
  readonly extension: string;
  omni: AgentSession;
  agent: AgentResources;
  /** Epoch ms (console clock) after which the session is gone unless used before. */
  expiresAt: number;
}

export interface SessionStoreOptions {
  /** The console's clock, epoch ms. */
  now: () => number;
  /** A fresh unguessable token (ids and CSRF tokens). */
  randomToken: () => string;
  /** Idle time after which a session ends (sliding). */
  idleMs: number;
  /** Told when a session ends (signed out, expired, refused by Omni), to close its event streams. */
  onEnd?: (session: ConsoleSession, reason: 'signed_out' | 'expired') => void;
}

/**
 * The console's sessions, in memory, keyed by a random id. A session lives until the agent signs
 * out, stays idle for `idleMs` (sliding: each authenticated request extends it), or Omni refuses
 * its token and the agent's password with it (the sdk authorizes again with the password kept in
 * the Omni session, so an expired or revoked token alone does not end it).
 */
export class SessionStore {
  readonly #sessions = new Map<string, ConsoleSession>();
  readonly #options: SessionStoreOptions;

  constructor(options: SessionStoreOptions) {
    this.#options = options;
  }

  /**
   * A new session. The agent's other sessions (other browsers) take its Omni session: the authorize that made
   * it may have revoked their tokens (an Omni that keeps one token per agent, as VICIdial keeps one login), and
   * two Omni sessions of one agent in one console would revoke each other's at every re-authorize.
   */
  create(init: Omit<ConsoleSession, 'id' | 'csrfToken' | 'expiresAt'>): ConsoleSession {
    this.#sweep();
    for (const other of this.forUser(init.userId)) {
      other.omni = init.omni;
      other.agent = init.agent;
    }
    const session: ConsoleSession = {
      ...init,
      id: this.#options.randomToken(),
      csrfToken: this.#options.randomToken(),
      expiresAt: this.#options.now() + this.#options.idleMs,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session for a cookie value (extending it), or undefined. An expired one is ended. */
  touch(id: string | undefined): ConsoleSession | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.#options.now();
    if (now >= session.expiresAt) {
      this.end(session, 'expired');
      return undefined;
    }
    session.expiresAt = now + this.#options.idleMs;
    return session;
  }

  /** True when `given` is this session's CSRF token (constant-time). */
  checkCsrf(session: ConsoleSession, given: string | undefined): boolean {
    if (given === undefined) return false;
    const a = Buffer.from(session.csrfToken);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  end(session: ConsoleSession, reason: 'signed_out' | 'expired'): void {
    if (!this.#sessions.delete(session.id)) return;
    this.#options.onEnd?.(session, reason);
  }

  /** Ends every session idle past its time, so abandoned ones do not pile up (run at each sign-in). */
  #sweep(): void {
    const now = this.#options.now();
    for (const session of [...this.#sessions.values()]) if (now >= session.expiresAt) this.end(session, 'expired');
  }

  /** Sessions of one Omni user (a user may sign in from two browsers). */
  forUser(userId: number): ConsoleSession[] {
    return [...this.#sessions.values()].filter((s) => s.userId === userId);
  }

  all(): ConsoleSession[] {
    return [...this.#sessions.values()];
  }

  get size(): number {
    return this.#sessions.size;
  }
}
