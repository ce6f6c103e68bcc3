import type { ScenarioResult } from '@omnikit/scenarios';

const explain = (r: ScenarioResult): string =>
  r.status === 'passed' ? `${r.name}: ${r.expectationsHeld}/${r.expectations} held` : `${r.name}: ${r.message ?? r.reason}`;
