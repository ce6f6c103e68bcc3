import { library, type Scenario } from '@omnikit/scenarios';

const mockOnly: Scenario[] = library.filter((s) => s.given.calleeRules.length > 0);
