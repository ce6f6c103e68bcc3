/**
 * A peer's answers to the five probes set beside the mock's: a refusal holds only with the mock's status,
 * state is kept only when the lead read back carries the marker it was added with, and each answer reads as
 * its status and Omni error code.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { type ProbeAnswers, probeVerdicts } from '../../../bench/peers/peer-probes.js';

const err = (status: number, code: string) => ({ status, body: JSON.stringify({ success: false, error_code: code }) });
const ok = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });

const mock: ProbeAnswers = {
  noKey: err(401, 'MISSING_SYSTEM_KEY'),
  wrongKey: err(401, 'INVALID_SYSTEM_KEY'),
  badToken: err(401, 'INVALID_TOKEN'),
  invalidBody: err(400, 'VALIDATION_FAILED'),
  readBack: ok({ lead_id: 9, other_info: 'kept-123' }),
  marker: 'kept-123',
};

describe('probeVerdicts', () => {
  it('finds the mock as itself on every probe', () => {
    const verdicts = probeVerdicts(mock, mock);
    expect(verdicts.every((v) => v.asMock)).toBe(true);
    expect(verdicts.map((v) => v.answered)).toEqual([
      '401 MISSING_SYSTEM_KEY',
      '401 INVALID_SYSTEM_KEY',
      '401 INVALID_TOKEN',
      '400 VALIDATION_FAILED',
      '200, with the lead added',
    ]);
  });

  it('tells a peer that answers everything 200 from static examples', () => {
    const everything200: ProbeAnswers = {
      noKey: ok({ users: [] }),
      wrongKey: ok({ users: [] }),
      badToken: ok({ users: [] }),
      invalidBody: ok({ success: true, lead_id: 1 }),
      readBack: ok({ lead_id: 1, other_info: 'string' }),
      marker: 'kept-456',
    };
    expect(probeVerdicts(everything200, mock)).toEqual([
      { check: 'system key required', answered: '200', asMock: false },
      { check: 'system key compared', answered: '200', asMock: false },
      { check: 'user token compared', answered: '200', asMock: false },
      { check: 'request validated', answered: '200', asMock: false },
      { check: 'state kept', answered: '200, without the lead added', asMock: false },
    ]);
  });

  it('counts a refusal by its status, and a stub miss with no lead id as no state', () => {
    const stubs: ProbeAnswers = {
      noKey: err(401, 'MISSING_SYSTEM_KEY'),
      wrongKey: { status: 404, body: 'No response could be served' },
      badToken: { status: 404, body: '' },
      invalidBody: err(400, 'MISSING_SYSTEM_KEY'),
      readBack: null,
      marker: 'kept-789',
    };
    expect(probeVerdicts(stubs, mock).map((v) => [v.check, v.answered, v.asMock])).toEqual([
      ['system key required', '401 MISSING_SYSTEM_KEY', true],
      ['system key compared', '404', false],
      ['user token compared', '404', false],
      ['request validated', '400 MISSING_SYSTEM_KEY', true],
      ['state kept', 'no lead_id to read back', false],
    ]);
  });

  it('does not take a read-back that fails or lacks the marker for kept state', () => {
    const missing = { ...mock, readBack: err(404, 'NOT_FOUND') };
    expect(probeVerdicts(missing, mock)[4]).toEqual({
      check: 'state kept',
      answered: '404 NOT_FOUND, without the lead added',
      asMock: false,
    });
  });
});
