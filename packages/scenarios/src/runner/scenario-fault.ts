import type { ErrorCode, RouteId } from '@omnikit/contracts';
import type { CalleeRule, WebhookChaosInput } from '@omnikit/contracts/control';

/**
 * A fault the runner injects into a run on the mock, to show that a scenario notices when what
 * it checks breaks: an error on one Omni route (the mock's fault injection), webhook chaos (drop
 * every attempt: notifications never arrive), a callee rule placed before the scenario's own
 * (a number behaves otherwise), or a webhook receiver outage that never recovers. Faults are set
 * after `given` is in place, so they break the steps and expectations, not the setup.
 *
 * @example
 * ```ts
 * import type { ScenarioFault } from '@omnikit/scenarios';
 *
 * const faults: ScenarioFault[] = [
 *   { kind: 'route-error', route_id: 'makeCall', error_code: 'SERVICE_UNAVAILABLE', status: 503 },
 *   { kind: 'receiver-outage', status: 503 },
 * ];
 * ```
 */
export type ScenarioFault =
  | { kind: 'route-error'; route_id: RouteId; error_code: ErrorCode; status?: number }
  | { kind: 'webhook-chaos'; chaos: WebhookChaosInput }
  | { kind: 'callee-rule'; rule: CalleeRule }
  | { kind: 'receiver-outage'; status: number };

/**
 * A fault in a few words, for the notes of a run.
 *
 * @example
 * ```ts
 * import { describeFault } from '@omnikit/scenarios';
 *
 * describeFault({ kind: 'receiver-outage', status: 503 }); // 'webhook receiver answering 503, never recovering'
 * ```
 */
export function describeFault(fault: ScenarioFault): string {
  switch (fault.kind) {
    case 'route-error':
      return `${fault.error_code} on ${fault.route_id}`;
    case 'webhook-chaos':
      return `webhook chaos ${JSON.stringify(fault.chaos)}`;
    case 'callee-rule':
      return `callee rule ${fault.rule.number ?? fault.rule.prefix} → ${fault.rule.behaviour?.outcome ?? 'a distribution'}`;
    case 'receiver-outage':
      return `webhook receiver answering ${fault.status}, never recovering`;
  }
}
