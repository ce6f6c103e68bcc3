import type { Notification } from '@omnikit/contracts';

/**
 * Where the engine's notifications go: the outbox (notify/), written in the caller's transaction,
 * so the notification lands exactly when the state change that caused it does (B.7).
 */
export interface NotificationSink {
  /**
   * Records `notification` for delivery. `callId` keeps its place in that call's order; null for a
   * notification of no call (an agent's login, logout or state of its own).
   */
  emit(systemId: number, callId: number | null, notification: Notification, at: number): void;
}
