/**
 * What the SIP edge asks the mock about its users. The mock hosts many isolated systems whose extensions repeat (every
 * system has 1001…1005), so a lookup names the system: `/ws` serves the default system (`systemRef` undefined) and
 * `/ws/<system public id>` another. A browser never needs the system KEY.
 *
 * @module
 */

export interface SipAccount {
  /** The system's internal id; bindings are keyed by (systemId, extension). */
  systemId: string;
  userId: number;
  /** The user's WebRTC password: the digest password. */
  webrtcPassword: string;
}

export interface SipAccounts {
  /** The user owning `extension` in the system named by `systemRef` (undefined: the default system). */
  lookup(systemRef: string | undefined, extension: string): SipAccount | undefined;
  /**
   * Optional: whether `systemRef` names a system. When given, `/ws/<unknown>` is refused with 404 at
   * the WebSocket handshake instead of failing later at REGISTER.
   */
  hasSystem?(systemRef: string): boolean;
}

export interface StaticSipUser {
  systemId: string;
  /** The public id serving `/ws/<ref>`; undefined for the default system's users. */
  systemRef?: string | undefined;
  extension: string;
  userId: number;
  webrtcPassword: string;
}

/** Fixed accounts (tests, the bench, or a mock without a store). */
export function createStaticSipAccounts(users: readonly StaticSipUser[]): SipAccounts {
  const byKey = new Map<string, SipAccount>();
  const refs = new Set<string>();
  for (const user of users) {
    if (user.systemRef !== undefined) refs.add(user.systemRef);
    byKey.set(`${user.systemRef ?? ''}\u0000${user.extension}`, {
      systemId: user.systemId,
      userId: user.userId,
      webrtcPassword: user.webrtcPassword,
    });
  }
  return {
    lookup: (systemRef, extension) => byKey.get(`${systemRef ?? ''}\u0000${extension}`),
    hasSystem: (systemRef) => refs.has(systemRef),
  };
}
