import type { EndpointView, SetEndpointBody } from '@omnikit/contracts';
import type { Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';

/** The system's one webhook (B.7): set replaces it, get never echoes the secret, delete removes it. */
export class NotificationEndpointService {
  constructor(private readonly stores: Pick<Stores, 'endpoints'>) {}

  set(sys: SystemContext, body: SetEndpointBody): void {
    this.stores.endpoints.set({
      systemId: sys.systemId,
      url: body.url,
      notificationTypes: body.notification_types ?? [],
      secret: body.secret ?? null,
      updatedAt: sys.clock.now(),
    });
  }

  get(sys: SystemContext): EndpointView {
    const e = this.stores.endpoints.get(sys.systemId);
    if (!e) return { url: null, notification_types: [], secret_set: false };
    return {
      url: e.url,
      notification_types: e.notificationTypes as EndpointView['notification_types'],
      secret_set: e.secret !== null,
    };
  }

  /** True when there was one to remove. */
  delete(sys: SystemContext): boolean {
    return this.stores.endpoints.delete(sys.systemId);
  }
}
