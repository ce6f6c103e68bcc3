import type { Expectation, Scenario } from '@omnikit/scenarios';

const needsTheMock = (s: Scenario): Expectation[] =>
  s.expect.filter((e) => e.kind === 'campaignStats' || e.kind === 'deliveries');
