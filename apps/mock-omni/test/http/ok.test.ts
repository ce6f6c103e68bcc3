/**
 * The one success answer of the handlers fits both shapes it stands for: Omni's documented command result and the
 * control API's, whose `success` is the literal `true`.
 *
 * @module
 */

import { commandResult } from '@omnikit/contracts';
import { okResult } from '@omnikit/contracts/control';
import { describe, expect, it } from 'vitest';
import { ok } from '../../src/http/ok.js';

describe('ok', () => {
  it('is exactly { success: true, detail }, valid as a command result and as a control answer', () => {
    const answer = ok('user 7 created');
    expect(answer).toStrictEqual({ success: true, detail: 'user 7 created' });
    expect(commandResult.strict().parse(answer)).toStrictEqual(answer);
    expect(okResult.strict().parse(answer)).toStrictEqual(answer);
  });
});
