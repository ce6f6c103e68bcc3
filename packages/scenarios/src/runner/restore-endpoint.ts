import type { SessionResources } from '@omnikit/sdk';
import type { TargetSystem } from '../target/target.js';

type SavedEndpoint = Awaited<ReturnType<SessionResources['notifications']['getEndpoint']>>;

/**
 * Why the system's own notification endpoint could not be put back as found (undefined: it can).
 * Omni never echoes the secret, so a signed endpoint is touched only when `OMNI_NOTIFICATION_SECRET`
 * gives it: putting it back unsigned would silently change how the system's CRM verifies deliveries.
 */
export function endpointCannotBeRestored(saved: SavedEndpoint, system: TargetSystem): string | undefined {
  if (saved.url === null || !saved.secret_set || system.notificationSecret) return undefined;
  return "the system's notification endpoint is signed: set OMNI_NOTIFICATION_SECRET to its secret so it can be put back afterwards (nothing was changed)";
}

/** Puts the system's own notification endpoint back as it was before the run. */
export async function restoreEndpoint(
  directory: SessionResources,
  saved: SavedEndpoint,
  system: TargetSystem,
): Promise<void> {
  if (saved.url === null) {
    await directory.notifications.deleteEndpoint();
    return;
  }
  await directory.notifications.setEndpoint({
    url: saved.url,
    ...(saved.notification_types.length > 0 ? { notification_types: saved.notification_types } : {}),
    ...(saved.secret_set && system.notificationSecret ? { secret: system.notificationSecret } : {}),
  });
}
