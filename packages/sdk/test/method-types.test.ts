import {
  type addLeadBody,
  type agentView,
  type archiveResult,
  type authorizeResponse,
  type callBody,
  type callView,
  type campaignView,
  type createCampaignBody,
  type listLeadsQuery,
  routes,
  type shotgunBody,
  type updateCampaignBody,
} from '@omnikit/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type AgentResources,
  type AgentSession,
  type MethodInput,
  type MethodOutput,
  OmniClient,
  type RequestOptions,
  type SessionResources,
} from '../src/index.js';

/**
 * Fails to COMPILE (`npm run typecheck`, `tsc -p tsconfig.json`) when a method's types drift from
 * the contract: inputs are the schemas' z.input, outputs their z.output, ids are numbers. At run
 * time vitest only counts these; tsc is the judge.
 */
const client = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: async () => new Response(null) });
const session = client.restoreSession({
  user_id: 1,
  user_name: 'agent1',
  token_key: 't',
  expiry_date: '2026-01-05T16:00:00.000Z',
});
const agent: AgentResources = client.agent(session);
const omni: SessionResources = client.withSession(session);

describe('method types follow the contract', () => {
  it('inputs are z.input of the route’s body or query; path ids are numbers', () => {
    expectTypeOf(agent.calls.make).parameters.toEqualTypeOf<
      [body: z.input<typeof callBody>, options?: RequestOptions]
    >();
    expectTypeOf(agent.shotgun.start).parameter(0).toEqualTypeOf<z.input<typeof shotgunBody>>();
    expectTypeOf(omni.campaigns.create).parameter(0).toEqualTypeOf<z.input<typeof createCampaignBody>>();
    expectTypeOf(omni.campaigns.update).parameters.toEqualTypeOf<
      [number, z.input<typeof updateCampaignBody>, options?: RequestOptions]
    >();
    expectTypeOf(omni.leads.add).parameter(0).toEqualTypeOf<z.input<typeof addLeadBody>>();
    expectTypeOf(omni.lists.leads).parameter(0).toEqualTypeOf<number>();
    // The query's coerced fields take their output type (numbers), the rest stays z.input.
    expectTypeOf(omni.lists.leads)
      .parameter(1)
      .toEqualTypeOf<
        { status?: string | undefined; page?: number | undefined; page_size?: number | undefined } | undefined
      >();
    expectTypeOf<z.input<typeof listLeadsQuery>['status']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(agent.calls.hangup).parameters.toEqualTypeOf<[number, options?: RequestOptions]>();
    expectTypeOf(agent.get).parameters.toEqualTypeOf<[options?: RequestOptions]>();
    expectTypeOf(omni.recordings.get).parameters.toEqualTypeOf<[string, options?: RequestOptions]>();
  });

  it('outputs are z.output of the 200 schema, Blob for a recording', () => {
    expectTypeOf(omni.campaigns.get).returns.resolves.toEqualTypeOf<z.output<typeof campaignView>>();
    expectTypeOf(agent.calls.get).returns.resolves.toEqualTypeOf<z.output<typeof callView>>();
    expectTypeOf(agent.get).returns.resolves.toEqualTypeOf<z.output<typeof agentView>>();
    expectTypeOf(omni.archive.archive).returns.resolves.toEqualTypeOf<z.output<typeof archiveResult>>();
    expectTypeOf(omni.recordings.get).returns.resolves.toEqualTypeOf<Blob>();
    expectTypeOf<MethodOutput<'authorize'>>().toEqualTypeOf<z.output<typeof authorizeResponse>>();
    expectTypeOf<MethodInput<'makeCall'>>().toEqualTypeOf<z.input<typeof callBody>>();
    expectTypeOf(agent.session).toEqualTypeOf<AgentSession>();
  });

  it('literal shapes an integrator relies on (a contract change shows up here)', () => {
    expectTypeOf(agent.login).parameter(0).toEqualTypeOf<{ campaign_id: number; extension: string }>();
    expectTypeOf(agent.state)
      .parameter(0)
      .toEqualTypeOf<{ state: 'ready' | 'paused'; pause_code?: string | undefined }>();
    expectTypeOf(agent.calls.dispose).parameter(1).toEqualTypeOf<{
      disposition_code: string;
      callback_date_time?: string | undefined;
      notes?: string | undefined;
    }>();
    expectTypeOf(omni.users.list).returns.resolves.toEqualTypeOf<{ users: { user_id: string; user_name: string }[] }>();
    expectTypeOf(agent.logout).returns.resolves.toEqualTypeOf<{ success: boolean; detail: string }>();
    expectTypeOf<Awaited<ReturnType<typeof omni.campaigns.get>>['HoursPerWorkingDay']>().toEqualTypeOf<number>();
    expectTypeOf<Awaited<ReturnType<typeof omni.campaigns.get>>['ProgressiveThreshold']>().toEqualTypeOf<number>();
    expectTypeOf(agent.calls.make).parameter(0).toHaveProperty('outboud_cli');
  });

  it('refuses what the contract refuses', () => {
    const never = (f: () => unknown) => f;
    never(() => {
      // @ts-expect-error campaign_type is required
      void omni.campaigns.create({ campaign_name: 'x' });
      // @ts-expect-error ids are numbers
      void omni.campaigns.get('1');
      // @ts-expect-error the agent's own user_id is never passed: hangup takes the call id only
      void agent.calls.hangup(1, 2);
      // @ts-expect-error state is 'ready' | 'paused'
      void agent.state({ state: 'on_call' });
      // @ts-expect-error phone_number is required
      void agent.calls.make({ lead_id: 1 });
      // @ts-expect-error other_info is required on a lead
      void omni.leads.add({ list_id: 1, phone_numbers: [{ phone_number: '0800555001' }] });
      // @ts-expect-error a session client has no agent routes
      void omni.calls;
      // @ts-expect-error deprecated aliases have no method
      void agent.loginLegacy;
      // @ts-expect-error the body is required
      void agent.login();
    });
  });

  it('the route objects behind the methods are the contracts’ own', () => {
    expectTypeOf(routes.makeCall.idempotent).toEqualTypeOf<false>();
    expectTypeOf(routes.getCampaign.path).toEqualTypeOf<'/omni/campaign/{campaign_id}'>();
  });
});
