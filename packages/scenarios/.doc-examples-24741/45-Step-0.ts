import type { Scenario, Step } from '@omnikit/scenarios';

const dialled = (s: Scenario): Step[] => s.steps.filter((st) => st.do === 'dial');
