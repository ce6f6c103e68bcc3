import { m, type FieldMatcher } from '@omnikit/scenarios';

const answeredOrHeld: FieldMatcher = m.oneOf('answered', 'on_hold');
const sameAs: FieldMatcher = { $ref: 'call' };
