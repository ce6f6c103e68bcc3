import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentResources,
  type AgentSession,
  AuthenticationError,
  NotFoundError,
  OmniClient,
  PermissionError,
  ValidationError,
} from '../../src/index.js';
import { type MockTarget, startTarget, TRANSPORTS } from '../support/mock-target.js';

/**
 * Every sdk method whose route the mock serves, end to end, in-process and over
 * real HTTP, with response validation on (so every answer is also checked against the contract).
 */
describe.each(TRANSPORTS)('against the mock (%s)', (transport) => {
  let target: MockTarget;
  let client: OmniClient;
  let session: AgentSession;
  let agent: AgentResources;

  beforeAll(async () => {
    target = await startTarget(transport);
    client = target.client({ validateResponses: true });
    session = await client.authorize('agent1', 'password1', { credentials: () => ({ password: 'password1' }) });
    agent = client.agent(session);
  });
  afterAll(() => target.close());

  describe('authorize', () => {
    it('returns a session for a demo agent, with the token cached until expiry_date', () => {
      expect(session.userId).toBe(1);
      expect(session.userName).toBe('agent1');
      expect(session.tokenKey.length).toBeGreaterThan(20);
      expect(session.expiryDate).toBe('2026-01-05T16:00:00.000Z');
      expect(session.isExpired()).toBe(false);
    });

    it('wrong password → AuthenticationError INVALID_TOKEN; wrong system key → INVALID_SYSTEM_KEY', async () => {
      await expect(client.authorize('agent1', 'password2')).rejects.toMatchObject({
        constructor: AuthenticationError,
        status: 401,
        errorCode: 'INVALID_TOKEN',
        path: '/omni/user/authorize',
      });
      const wrongKey = new OmniClient({ baseUrl: target.baseUrl, systemKey: 'not-a-key', fetch: target.fetch });
      await expect(wrongKey.authorize('agent1', 'password1')).rejects.toMatchObject({
        status: 401,
        errorCode: 'INVALID_SYSTEM_KEY',
      });
    });

    it('each agent gets its own session', async () => {
      const s5 = await client.authorize('agent5', 'password5');
      expect([s5.userId, s5.userName]).toEqual([5, 'agent5']);
      expect(s5.tokenKey).not.toBe(session.tokenKey);
    });
  });

  describe('users and the agent', () => {
    it('users.list gives agent1…agent5 with string ids (as documented)', async () => {
      const { users } = await agent.users.list();
      expect(users).toEqual([1, 2, 3, 4, 5].map((n) => ({ user_id: String(n), user_name: `agent${n}` })));
    });

    it('agent.get shows the session’s own agent', async () => {
      expect(await agent.get()).toEqual({
        user_id: 1,
        user_name: 'agent1',
        extension: '1001',
        agent_state: 'logged_out',
        campaign_id: 0,
        registered: false,
        call_id: 0,
      });
    });
  });

  describe('campaigns', () => {
    it('list and get the demo campaigns 1–5', async () => {
      const { campaigns } = await agent.campaigns.list();
      expect(campaigns.map((c) => c.campaign_id)).toEqual([1, 2, 3, 4, 5]);
      const c2 = await agent.campaigns.get(2);
      expect(c2).toMatchObject({ campaign_id: 2, campaign_type: 1, HoursPerWorkingDay: 8, ProgressiveThreshold: 0 });
    });

    it('create → get → update (partial, PascalCase fields) → get', async () => {
      const created = await agent.campaigns.create({
        campaign_name: 'SDK e2e',
        campaign_type: 3,
        HoursPerWorkingDay: 6,
        pause_codes: ['BREAK', 'COFFEE'],
      });
      expect(created).toMatchObject({ success: true, campaign_id: expect.any(Number) });
      const before = await agent.campaigns.get(created.campaign_id);
      expect(before).toMatchObject({ campaign_name: 'SDK e2e', HoursPerWorkingDay: 6, wrapup_seconds: 30 });
      const updated = await agent.campaigns.update(created.campaign_id, { ProgressiveThreshold: 4, auto_record: true });
      expect(updated.success).toBe(true);
      const after = await agent.campaigns.get(created.campaign_id);
      expect(after).toMatchObject({
        campaign_name: 'SDK e2e',
        HoursPerWorkingDay: 6,
        ProgressiveThreshold: 4,
        auto_record: true,
      });
    });

    it('an unknown campaign → NotFoundError; a bad body → ValidationError naming the field', async () => {
      await expect(agent.campaigns.get(9999)).rejects.toMatchObject({
        constructor: NotFoundError,
        errorCode: 'NOT_FOUND',
        path: '/omni/campaign/9999',
        method: 'GET',
      });
      const error = (await agent.campaigns
        .create({ campaign_name: 'x', campaign_type: 12 })
        .catch((e: unknown) => e)) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.errorCode).toBe('VALIDATION_FAILED');
      expect(error.fieldErrors.map((f) => f.field)).toContain('campaign_type');
    });
  });

  describe('lists and leads', () => {
    it('lists.list, lists.get with counts, lists.leads paged and filtered', async () => {
      const { lists } = await agent.lists.list();
      expect(lists.map((l) => l.list_id)).toEqual([1, 2, 3]);
      const l1 = await agent.lists.get(1);
      expect(l1.lead_count).toBe(150);
      const page = await agent.lists.leads(1, { page: 2, page_size: 10 });
      expect([page.page, page.page_size, page.total, page.leads.length]).toEqual([2, 10, 150, 10]);
      const fresh = await agent.lists.leads(1, { status: 'NEW', page_size: 5 });
      expect(fresh.leads.every((l) => l.status === 'NEW')).toBe(true);
      const all = await agent.lists.leads(2);
      expect(all.page_size).toBe(50);
    });

    it('lists.create, then leads.add → get → update → delete', async () => {
      const list = await agent.lists.create({ list_name: 'SDK e2e list', campaign_id: 1 });
      const added = await agent.leads.add({
        list_id: list.list_id,
        first_name: 'Ada',
        last_name: 'Lovelace',
        other_info: 'wants a callback about engines',
        unique_id: 'crm-ada',
        phone_numbers: [{ phone_number: '+447700900001', phone_type_id: 2, high_priority: true }],
      });
      const lead = await agent.leads.get(added.lead_id);
      expect(lead).toMatchObject({
        lead_id: added.lead_id,
        list_id: list.list_id,
        first_name: 'Ada',
        status: 'NEW',
        attempts: 0,
        phone_numbers: [{ phone_number: '+447700900001', phone_type_id: 2, high_priority: true }],
      });
      await agent.leads.update(added.lead_id, { status: 'DNC', city: 'London' });
      expect(await agent.leads.get(added.lead_id)).toMatchObject({ status: 'DNC', city: 'London' });
      expect((await agent.lists.get(list.list_id)).lead_count).toBe(1);
      await agent.leads.delete(added.lead_id);
      await expect(agent.leads.get(added.lead_id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('leads.add to an unknown list → NotFoundError naming list_id', async () => {
      const error = (await agent.leads
        .add({ list_id: 999, other_info: 'x', phone_numbers: [{ phone_number: '0800555001' }] })
        .catch((e: unknown) => e)) as NotFoundError;
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.fieldErrors.map((f) => f.field)).toEqual(['list_id']);
    });

    it('leads.bulkUpload reports inserted, duplicates and rejected rows', async () => {
      const list = await agent.lists.create({ list_name: 'bulk' });
      const result = await agent.leads.bulkUpload({
        list_id: list.list_id,
        dnc_check: false,
        deduplication: true,
        leads: [
          { phone_number_1: '0800555101', first_name: 'A' },
          { phone_number_1: '0800555101', first_name: 'A again' },
          { phone_number_1: 'not a number' },
          { phone_number_1: '0800555102', email_1: 'b@example.com' },
        ],
      });
      expect(result).toMatchObject({ success: true, inserted: 2, duplicates: 1 });
      expect(result.rejected).toContainEqual({ index: 2, field: 'phone_number_1', detail: expect.any(String) });
      expect(result.rejected.map((r) => r.index)).not.toContain(3);
    });
  });

  describe('archive (/vicidial/*)', () => {
    it('inside office hours: PermissionError with the vicidial message', async () => {
      const error = (await agent.archive
        .archive({ insert_leads: true, update_leads: false, delete_leads: true, lead_ids: [1, 2] })
        .catch((e: unknown) => e)) as PermissionError;
      expect(error).toBeInstanceOf(PermissionError);
      expect(error.status).toBe(403);
      expect(error.errorCode).toBeUndefined();
      expect(error.detail).toBe('api cannot be executed during office hours time condition');
    });

    it('duplicate ids: ValidationError with lead_errors and lead_ids', async () => {
      const error = (await agent.archive
        .dearchive({ insert_leads: true, delete_leads: true, lead_ids: [7, 7] })
        .catch((e: unknown) => e)) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.detail).toBe('lead_ids cannot contain duplicate values');
      expect(error.leadErrors).toBe(1);
      expect(error.leadIds).toEqual([7]);
    });

    it('needs no session: client.archive with the system key only (A.3); a wrong key is the documented 401', async () => {
      const plain = target.client({ validateResponses: true });
      const back = await plain.archive.dearchive({ insert_leads: false, delete_leads: false, lead_ids: [0, 1] });
      expect(back).toEqual({
        message: 'lead_ids batch was successfully processed',
        select_count: 0,
        insert_count: 0,
        update_count: 0,
        delete_count: 0,
        http_code: 200,
      });
      const wrongKey = new OmniClient({ baseUrl: target.baseUrl, systemKey: 'not-a-key', fetch: target.fetch });
      await expect(
        wrongKey.archive.dearchive({ insert_leads: false, delete_leads: false, lead_ids: [1] }),
      ).rejects.toMatchObject({
        constructor: AuthenticationError,
        status: 401,
        errorCode: undefined,
        detail: 'unable to validate api user',
      });
    });

    it('outside office hours: archive then dearchive move the leads and back', async () => {
      const res = await target.control('PUT', '/__mock/office-hours', { time_zone: 'UTC', windows: [] });
      expect(res.status).toBe(200);
      const archived = await agent.archive.archive({
        insert_leads: true,
        update_leads: false,
        delete_leads: true,
        lead_ids: [140, 141],
      });
      expect(archived).toMatchObject({ http_code: 200, select_count: 2, insert_count: 2, delete_count: 2 });
      await expect(agent.leads.get(140)).rejects.toBeInstanceOf(NotFoundError);
      const back = await agent.archive.dearchive({ insert_leads: true, delete_leads: true, lead_ids: [140, 141] });
      expect(back).toMatchObject({ http_code: 200, insert_count: 2, delete_count: 2 });
      expect((await agent.leads.get(140)).lead_id).toBe(140);
    });
  });

  describe('notification endpoint', () => {
    it('set → get (secret never echoed) → delete → get', async () => {
      expect(await agent.notifications.getEndpoint()).toEqual({ url: null, notification_types: [], secret_set: false });
      await agent.notifications.setEndpoint({
        url: 'https://crm.example.com/omni/webhook',
        notification_types: ['cdr', 'inbound'],
        secret: 'a-long-secret',
      });
      const set = await agent.notifications.getEndpoint();
      expect(set).toEqual({
        url: 'https://crm.example.com/omni/webhook',
        notification_types: ['cdr', 'inbound'],
        secret_set: true,
      });
      expect(JSON.stringify(set)).not.toContain('a-long-secret');
      expect((await agent.notifications.deleteEndpoint()).success).toBe(true);
      expect((await agent.notifications.getEndpoint()).url).toBeNull();
    });
  });

  it('a directory-only client (withSession) reaches the same data', async () => {
    const omni = client.withSession(session);
    expect((await omni.campaigns.get(1)).campaign_id).toBe(1);
    expect(omni.session).toBe(session);
  });
});
