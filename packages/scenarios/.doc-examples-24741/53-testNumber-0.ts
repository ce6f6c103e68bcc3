import { step, testNumber } from '@omnikit/scenarios';

// OMNI_TEST_NUMBERS[0] on a real Omni; on the mock a line that answers after 1 s.
const dial = step.dial('a1', 'call', testNumber(0));
