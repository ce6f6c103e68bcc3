import type { ScenarioFault } from '@omnikit/scenarios';

const faults: ScenarioFault[] = [
  { kind: 'route-error', route_id: 'makeCall', error_code: 'SERVICE_UNAVAILABLE', status: 503 },
  { kind: 'receiver-outage', status: 503 },
];
