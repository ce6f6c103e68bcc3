import type { ErrorCode, RouteId } from '@omnikit/contracts';
import type { CalleeRule, WebhookChaosInput } from '@omnikit/contracts/control';

/**
 * A fault the runner injects into a run on the mock, to show that a scenario notices when what
 * it checks breaks: an error on one Omni route (the mock's fault injection), webhook chaos (drop
 * every attempt: notifications never arrive), a callee rule placed before the scenario's own
 * (a number behaves otherwise), or a webhook receiver outage that never recovers. Faults are set
 * after `given` is in place, so they break the steps and expectations, not the setup.
 */
export type ScenarioFault =
  | { kind: 'route-error'; route_id: RouteId; error_code: ErrorCode; status?: number }
  | { kind: 'webhook-chaos'; chaos: WebhookChaosInput }
  | { kind: 'callee-rule'; rule: CalleeRule }
  | { kind: 'receiver-outage'; status: number };

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
