import { describe, expect, it } from 'vitest';
import {
  check,
  defineScenario,
  ScenarioDefinitionError,
  type ScenarioInput,
  step,
  testNumber,
} from '../../src/index.js';

const base = {
  name: 'dsl',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c', fields: { campaign_name: 'C', campaign_type: 3 } }],
  },
  steps: [step.authorize('a1'), step.dial('a1', 'x', testNumber(0))],
  expect: [check.agent('a1', { agent_state: 'paused' })],
};

describe('defineScenario', () => {
  it('parses plain data and fills defaults', () => {
    const s = defineScenario(base);
    expect(s.seed).toBe(1);
    expect(s.clock).toBe('manual');
    expect(s.given.agents[0]).toEqual({ as: 'a1', phone: 'virtual' });
    expect(s.given.notificationEndpoint).toEqual({ signed: true });
    expect(s.steps[1]).toEqual({ do: 'dial', agent: 'a1', as: 'x', number: { test: 0 } });
  });

  it('parses campaign fields through the contract (a bad campaign_type is named)', () => {
    const bad = {
      ...base,
      given: { ...base.given, campaigns: [{ as: 'c', fields: { campaign_name: 'C', campaign_type: 42 } }] },
    };
    expect(() => defineScenario(bad)).toThrow(ScenarioDefinitionError);
    expect(() => defineScenario(bad)).toThrow(/given\.campaigns\.0\.fields\.campaign_type/);
  });

  it('rejects a malformed phone number, an unknown agent and an unknown campaign, naming each', () => {
    let error: unknown;
    try {
      defineScenario({
        ...base,
        steps: [step.dial('a1', 'x', '12ab'), step.ready('a9'), step.login('a1', 'nope')],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioDefinitionError);
    const paths = (error as ScenarioDefinitionError).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['steps.0.number', 'steps.1.agent', 'steps.2.campaign']));
  });

  it('rejects bad callee rules through the control contract', () => {
    expect(() =>
      defineScenario({
        ...base,
        given: { ...base.given, calleeRules: [{ number: '0871000001', behaviour: { outcome: 'sleepy' } }] },
      } as never),
    ).toThrow(/calleeRules\.0\.behaviour\.outcome/);
  });

  it('a callback date and a caller id are parsed through the contracts', () => {
    const ok = defineScenario({ ...base, steps: [...base.steps, step.callback('a1', 'x', '2026-01-06 10:00:00')] });
    expect(ok.steps[2]).toMatchObject({ do: 'dispose', code: 'CALLBK', callback_date_time: '2026-01-06 10:00:00' });
    expect(() => defineScenario({ ...base, steps: [...base.steps, step.callback('a1', 'x', 'tomorrow')] })).toThrow(
      /steps\.2\.callback_date_time: must be a real date-time/,
    );
    expect(() =>
      defineScenario({
        ...base,
        steps: [{ do: 'dial', agent: 'a1', as: 'y', number: testNumber(0), outbound_cli: 'CLI' }],
      }),
    ).toThrow(/steps\.0\.outbound_cli/);
  });

  it('a dial needs exactly one of number and lead', () => {
    expect(() => defineScenario({ ...base, steps: [{ do: 'dial', agent: 'a1', as: 'x' }] } as never)).toThrow(
      /exactly one of number or lead/,
    );
  });

  it('messaging: campaigns and templates through the contracts; a send needs a target and content', () => {
    const messaging: ScenarioInput = {
      ...base,
      given: {
        ...base.given,
        messagingCampaigns: [{ as: 'chats', fields: { campaign_name: 'Chats', channels: ['whatsapp'] } }],
        templates: [
          { as: 't', fields: { template_name: 'hi', language: 'en', category: 'UTILITY', body: 'Hi {{1}}' } },
        ],
      },
      steps: [step.authorize('a1'), step.joinMessaging('a1', 'chats')],
    };
    const ok = defineScenario(messaging);
    expect(ok.given.templates[0]?.review).toBe('approved');
    expect(ok.given.messagingCampaigns[0]?.fields).toMatchObject({ max_concurrent_conversations: 3 });
    expect(ok.steps[1]).toEqual({ do: 'joinMessaging', agent: 'a1', campaign: 'chats', ready: true });
    expect(() =>
      defineScenario({
        ...messaging,
        given: {
          ...messaging.given,
          messagingCampaigns: [{ as: 'chats', fields: { campaign_name: 'C', channels: ['pigeon'] } }],
        },
      } as never),
    ).toThrow(/given\.messagingCampaigns\.0\.fields\.channels\.0/);
    expect(() =>
      defineScenario({
        ...messaging,
        given: {
          ...messaging.given,
          templates: [
            { as: 't', fields: { template_name: 'Hi There', language: 'en', category: 'UTILITY', body: 'x' } },
          ],
        },
      } as never),
    ).toThrow(/given\.templates\.0\.fields\.template_name/);
    expect(() => defineScenario({ ...messaging, steps: [step.joinMessaging('a1', 'nope')] })).toThrow(
      /steps\.0\.campaign: no campaign "nope"/,
    );
    expect(() =>
      defineScenario({ ...messaging, steps: [{ do: 'send', agent: 'a1', as: 'm', body: 'Hi' }] } as never),
    ).toThrow(/give a conversation, or a channel and to/);
    expect(() =>
      defineScenario({ ...messaging, steps: [{ do: 'send', agent: 'a1', as: 'm', conversation: 'c' }] } as never),
    ).toThrow(/give a body, media or a template/);
    expect(() => defineScenario({ ...messaging, steps: [step.messageStatus('m', 'teleported' as never)] })).toThrow(
      /steps\.0\.status/,
    );
    expect(() => defineScenario({ ...messaging, expect: [check.refused('m', 'NO_SUCH_CODE' as never)] })).toThrow(
      /expect\.0\.error_code/,
    );
  });
});
