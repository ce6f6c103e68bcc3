import { type AuthorizeResponse, formatDateTime } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import type { Secrets, Stores, TokenRecord, TokenRevocation } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';

/** A token's lifetime under `tokens=short-lived`, on the system's clock. */
export const SHORT_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/**
 * User tokens (A.2, B.3): authorize trades a user name and a Base64 password for a long random
 * token; only its SHA-256 is stored and looked up. The system's `tokens` variation decides the rest, at
 * the moment a token is issued: `several` (B.3) — it lives `tokenLifetimeMs` (8 h) on the system's clock
 * and a new authorize revokes nothing; `revoke-older` — the same lifetime, and the authorize revokes every
 * older token of that user in that system (durably: switching the variation back revives none);
 * `short-lived` — it lives 15 minutes (or the system's lifetime, when that is shorter).
 */
export class AuthService {
  constructor(
    private readonly stores: Pick<Stores, 'users' | 'tokens'>,
    private readonly secrets: Secrets,
  ) {}

  /** Wrong user name or password answers INVALID_TOKEN (the closed list of B.2 has no other code). */
  authorize(sys: SystemContext, userName: string, passwordBase64: string): AuthorizeResponse {
    const user = this.stores.users.credentials(sys.systemId, userName);
    const password = decodeBase64Ascii(passwordBase64);
    if (!user || password === undefined || this.secrets.sha256Hex(user.passwordSalt + password) !== user.passwordHash) {
      throw new DomainError('INVALID_TOKEN', 'user_name or password is wrong (the password is sent as Base64)');
    }
    const token = this.secrets.randomToken();
    const now = sys.clock.now();
    const tokens = sys.variation.tokens;
    const expiresAt = now + issuedTokenLifetimeMs(sys);
    const tokenHash = this.secrets.sha256Hex(token);
    this.stores.tokens.insert({ tokenHash, systemId: sys.systemId, userId: user.userId, issuedAt: now, expiresAt });
    if (tokens === 'revoke-older') {
      this.stores.tokens.revokeOlder({
        systemId: sys.systemId,
        userId: user.userId,
        revokedThrough: now,
        keptHash: tokenHash,
      });
    }
    return { user_id: user.userId, user_name: user.userName, token_key: token, expiry_date: formatDateTime(expiresAt) };
  }

  /**
   * The token record (its user) a `tokenKey` stands for, or the reason it is refused. Users are
   * never deleted, so a stored token's user exists; a reset or a deleted system takes its tokens.
   */
  verify(sys: SystemContext, token: string | undefined): TokenRecord {
    if (token === undefined || token === '') {
      throw new DomainError(
        'MISSING_TOKEN',
        'the tokenKey header is missing (and no tokenKey cookie): authorize first and send its token_key',
      );
    }
    const record = this.stores.tokens.findByHash(this.secrets.sha256Hex(token));
    if (!record || record.systemId !== sys.systemId) {
      throw new DomainError('INVALID_TOKEN', 'the tokenKey is not a token of this system');
    }
    if (this.isRevoked(record, this.stores.tokens.revocation(sys.systemId, record.userId))) {
      throw new DomainError(
        'INVALID_TOKEN',
        'the tokenKey was revoked by a newer authorize of the same user (one live token per user): authorize again',
      );
    }
    if (sys.clock.now() >= record.expiresAt) {
      throw new DomainError(
        'TOKEN_EXPIRED',
        `the tokenKey expired at ${formatDateTime(record.expiresAt)}: authorize again`,
      );
    }
    return record;
  }

  /**
   * Whether `revocation` covers `token`: issued before the token it kept. The clock decides when the two instants
   * differ; at the same instant (a manual clock stands still) the order the store keeps does, so that a token issued
   * after the revoking authorize — under another variation since — is not taken for an older one.
   */
  private isRevoked(token: TokenRecord, revocation: TokenRevocation | undefined): boolean {
    if (revocation === undefined || token.tokenHash === revocation.keptHash) return false;
    if (token.issuedAt !== revocation.revokedThrough) return token.issuedAt < revocation.revokedThrough;
    return this.stores.tokens.issuedBefore(token.tokenHash, revocation.keptHash) ?? true;
  }
}

/** Base64 of ASCII bytes → text; undefined when it is not Base64 of ASCII. */
export function decodeBase64Ascii(value: string): string | undefined {
  try {
    const text = atob(value);
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return undefined;
    return text;
  } catch {
    return undefined;
  }
}

/** How long a token issued now lives: the system's lifetime, or 15 minutes under `tokens=short-lived`. */
export function issuedTokenLifetimeMs(sys: SystemContext): number {
  return sys.variation.tokens === 'short-lived'
    ? Math.min(SHORT_TOKEN_LIFETIME_MS, sys.record.tokenLifetimeMs)
    : sys.record.tokenLifetimeMs;
}
