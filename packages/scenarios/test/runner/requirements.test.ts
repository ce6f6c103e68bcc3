import { describe, expect, it } from 'vitest';
import { clickToDialHappyPath, failureBusy, predictiveDay, shotgunWon, tokenExpiry } from '../../src/library/index.js';
import { blockers, resolveNumber } from '../../src/runner/requirements.js';
import type { TargetSystem } from '../../src/target/target.js';

function system(control: boolean, testNumbers: string[], agents = 1): TargetSystem {
  return {
    baseUrl: 'http://x',
    systemKey: 'k',
    fetch: async () => new Response(),
    capabilities: { control, magicNumbers: control, messaging: control },
    testNumbers,
    agent: (i) => (i < agents ? { userName: 'u', password: 'p', extension: '1', webrtcPassword: 'w' } : undefined),
    sipServer: async () => undefined,
    control: undefined,
    close: async () => {},
  };
}

describe('what a scenario needs, and why it is not run', () => {
  const real = system(false, ['0870000001']);
  it('test numbers resolve to OMNI_TEST_NUMBERS; anything else is refused on a real target', () => {
    expect(resolveNumber({ test: 0 }, real)).toEqual({ number: '0870000001' });
    expect(resolveNumber({ test: 1 }, real)).toEqual({ blocked: 'needs test number 2 but OMNI_TEST_NUMBERS lists 1' });
    expect(resolveNumber('0800555002', real)).toEqual({
      blocked: 'dials 0800555002, a magic number of the mock (B.10)',
    });
    expect(resolveNumber('0821234567', real)).toEqual({
      blocked: 'dials 0821234567, which is not listed in OMNI_TEST_NUMBERS',
    });
    expect(resolveNumber('0870000001', real)).toEqual({ number: '0870000001' });
    expect(resolveNumber('0800555002', system(true, []))).toEqual({ number: '0800555002' });
  });

  it('lists every blocker of a scenario, and none on the mock', () => {
    expect(blockers(clickToDialHappyPath, real)).toEqual([]);
    expect(blockers(clickToDialHappyPath, system(false, []))).toEqual([
      'needs test number 1 but OMNI_TEST_NUMBERS lists 0',
    ]);
    expect(blockers(failureBusy, real)).toEqual(['dials 0800555002, a magic number of the mock (B.10)']);
    expect(blockers(tokenExpiry, real)).toEqual([
      "advancing the clock by 481 min needs the mock's control API (manual clock)",
    ]);
    expect(blockers(shotgunWon, real)).toContain(
      "given.calleeRules (what dialled numbers do) needs the mock's control API",
    );
    expect(blockers(predictiveDay, real)).toContain('agent "a2" needs agent 2\'s credentials (OMNI_AGENT2_*)');
    for (const s of [clickToDialHappyPath, failureBusy, tokenExpiry, shotgunWon, predictiveDay])
      expect(blockers(s, system(true, ['0870000001'], 5))).toEqual([]);
  });
});
