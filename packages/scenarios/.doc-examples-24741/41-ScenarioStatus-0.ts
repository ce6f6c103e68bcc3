import type { ScenarioResult, ScenarioStatus } from '@omnikit/scenarios';

const count = (results: ScenarioResult[], status: ScenarioStatus) => results.filter((r) => r.status === status).length;
