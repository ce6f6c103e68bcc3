import { MAGIC_NUMBERS } from '@omnikit/scenarios';

MAGIC_NUMBERS.has('0800555002'); // true: busy, on the mock only
