import { formatDateTime } from '@omnikit/contracts';
import type { PhoneView } from '@omnikit/contracts/control';
import { DomainError } from '../domain-error.js';
import type { RegistrationLookup, UserStore } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { VirtualPhoneStore } from './virtual-phone-store.js';

/**
 * Phones registered over the network (the SIP edge, issue #6): whether an extension is registered
 * now, and which are. Ids are the mock's system ids.
 */
export interface ExternalPhones {
  isRegistered(systemId: number, extension: string): boolean;
  /** The extensions registered this way in the system. */
  registered?(systemId: number): string[];
}

/**
 * What the mock asks of an agent's network phone. `bridge` comes first and outside any
 * transaction: it places the bridge INVITE and settles once the phone answered (or rejects with
 * the login's 409); the others run once a command has committed (re-INVITEs for hold, BYE). A
 * virtual phone needs none of it: it answers its bridge call at virtual t+0 and only the
 * session's state records it.
 */
export interface PhoneActions {
  bridge(systemId: number, userId: number, extension: string): Promise<void>;
  hold(systemId: number, userId: number): void;
  retrieve(systemId: number, userId: number): void;
  hangup(systemId: number, userId: number): void;
}

export const NO_PHONE_ACTIONS: PhoneActions = {
  bridge: () => Promise.resolve(),
  hold: () => {},
  retrieve: () => {},
  hangup: () => {},
};

export type PhoneKind = 'virtual' | 'sip';

/**
 * Agents' phones. A virtual phone (control API) stands in for a WebRTC registration in headless
 * tests and load runs; network phones come from the SIP edge. Either makes the extension
 * registered for campaign login (B.4) and for `registered` in `GET /omni/users/{user_id}`; a
 * virtual registration is stored, so it outlives a restart.
 */
export class PhoneService implements RegistrationLookup {
  constructor(
    private readonly store: VirtualPhoneStore,
    private readonly users: Pick<UserStore, 'findByExtension'>,
    private readonly external: ExternalPhones | undefined,
    readonly actions: PhoneActions = NO_PHONE_ACTIONS,
  ) {}

  kindOf(systemId: number, extension: string): PhoneKind | undefined {
    if (this.store.get(systemId, extension)) return 'virtual';
    if (this.external?.isRegistered(systemId, extension)) return 'sip';
    return undefined;
  }

  isRegistered(systemId: number, extension: string): boolean {
    return this.kindOf(systemId, extension) !== undefined;
  }

  /** Registers a virtual phone for a user's extension; registering again changes nothing. */
  registerVirtual(sys: SystemContext, extension: string): boolean {
    const user = this.users.findByExtension(sys.systemId, extension);
    if (!user) throw DomainError.notFound('extension', 'extension', extension);
    return this.store.add({
      systemId: sys.systemId,
      extension,
      userId: user.userId,
      registeredAt: sys.clock.now(),
    });
  }

  /** Removes a virtual phone; false when there was none (an unknown extension is a 404). */
  unregisterVirtual(sys: SystemContext, extension: string): boolean {
    if (!this.users.findByExtension(sys.systemId, extension))
      throw DomainError.notFound('extension', 'extension', extension);
    return this.store.remove(sys.systemId, extension);
  }

  list(sys: SystemContext): PhoneView[] {
    const out: PhoneView[] = this.store.list(sys.systemId).map((p) => ({
      extension: p.extension,
      user_id: p.userId,
      kind: 'virtual',
      registered_at: formatDateTime(p.registeredAt),
    }));
    for (const extension of this.external?.registered?.(sys.systemId) ?? []) {
      const user = this.users.findByExtension(sys.systemId, extension);
      if (user && !out.some((p) => p.extension === extension))
        out.push({ extension, user_id: user.userId, kind: 'sip', registered_at: null });
    }
    return out.sort((a, b) => a.extension.localeCompare(b.extension));
  }
}
