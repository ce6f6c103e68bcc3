import { formatDateTime } from '@omnikit/contracts';
import type { PhoneView } from '@omnikit/contracts/control';
import { DomainError } from '../domain-error.js';
import type { NetworkPhones, UserStore } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { VirtualPhoneStore } from './virtual-phone-store.js';

/** No network phones: only virtual phones register. */
export const NO_NETWORK_PHONES: NetworkPhones = {
  isRegistered: () => false,
  registered: () => [],
  bridge: () => Promise.resolve(),
  hold: () => {},
  retrieve: () => {},
  hangup: () => {},
  endSystem: () => {},
};

export type PhoneKind = 'virtual' | 'sip';

/**
 * Agents' phones. A virtual phone (control API) stands in for a WebRTC registration in headless
 * tests and load runs; network phones come from the SIP edge. Either makes the extension
 * registered for campaign login (B.4) and for `registered` in `GET /omni/users/{user_id}`; a
 * virtual registration is stored, so it outlives a restart.
 */
export class PhoneService implements Pick<NetworkPhones, 'isRegistered'> {
  constructor(
    private readonly store: VirtualPhoneStore,
    private readonly users: Pick<UserStore, 'findByExtension'>,
    readonly network: NetworkPhones = NO_NETWORK_PHONES,
  ) {}

  kindOf(systemId: number, extension: string): PhoneKind | undefined {
    if (this.store.get(systemId, extension)) return 'virtual';
    if (this.network.isRegistered(systemId, extension)) return 'sip';
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
    for (const extension of this.network.registered(sys.systemId)) {
      const user = this.users.findByExtension(sys.systemId, extension);
      if (user && !out.some((p) => p.extension === extension))
        out.push({ extension, user_id: user.userId, kind: 'sip', registered_at: null });
    }
    return out.sort((a, b) => a.extension.localeCompare(b.extension));
  }
}
