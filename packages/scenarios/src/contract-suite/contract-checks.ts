/**
 * The contract suite: checks of what TForge documents (omni-api.md Part A), one subject per route
 * or notification, then the messaging channels' (B.12, messaging-checks.ts). Each check states the documented fact it tests; it throws `Differs` with what
 * the target did instead, or `NotRun` when the target cannot be asked (no control API, too few
 * test numbers). The same checks run on the mock, a strict mock and the real Omni.
 *
 * @module
 */

import { type ContractContext, Differs, expectFields, isInt, NotRun, type RawAnswer } from './contract-context.js';
import { MESSAGING_CHECKS } from './messaging-checks.js';

/**
 * One documented fact about one route or notification, and how to test it on a target.
 *
 * @example
 * ```ts
 * import { CONTRACT_CHECKS, type ContractCheck } from '@omnikit/scenarios';
 *
 * const aboutCdr: ContractCheck[] = CONTRACT_CHECKS.filter((c) => c.subject === 'notification cdr');
 * ```
 */
export interface ContractCheck {
  /** The route or notification (`POST /omni/user/authorize`, `notification cdr`). */
  subject: string;
  /** Where the fact is documented (omni-api.md section). */
  source: string;
  fact: string;
  /**
   * What the target must have beyond Omni's documented API: `messaging` (B.12's channels, which
   * TForge has not published) makes the check `not run: not published by TForge` on a real Omni.
   */
  needs?: 'messaging';
  run(ctx: ContractContext): Promise<void>;
}

const AUTHORIZE = 'POST /omni/user/authorize';
const LOGIN = 'POST /omni/users/{user_id}/login';
const CALL = 'POST /omni/voice/{user_id}/call';
const ARCHIVE = 'POST /vicidial/leads/archive';
const DEARCHIVE = 'POST /vicidial/leads/dearchive';
const ARCHIVE_OLD = 'POST /vicidial/lead/archive/';
const DEARCHIVE_OLD = 'POST /vicidial/lead/dearchive';

const b64 = (s: string) => Buffer.from(s, 'ascii').toString('base64');

/**
 * `success: false` in a body: Omni's refusal whatever the HTTP status. How a refusal looks is this
 * project's inference (B.2), and a plausible Omni answers one 200 (`--vary errors=ok-false`).
 */
function saysFailure(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { success?: unknown }).success === false;
}

/** Refused in any plausible form: a 4xx or 5xx status, or `success: false` under a 2xx. */
function refused(r: RawAnswer): boolean {
  return r.status < 200 || r.status > 299 || saysFailure(r.body);
}

function expect2xx(what: string, status: number, body: unknown): void {
  if (status < 200 || status > 299 || saysFailure(body))
    throw new Differs(`${what} answered ${status}: ${JSON.stringify(body).slice(0, 200)}`);
}

async function endCall(ctx: ContractContext, callId: number): Promise<void> {
  await ctx.agent.calls.hangup(callId).catch(() => {});
  await ctx.agent.calls.dispose(callId, { disposition_code: 'NI' }).catch(() => {});
}

/** Polls the live call until `state` (time moves by `step` ms each try). */
async function untilCallState(ctx: ContractContext, callId: number, state: string, tries = 10): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if ((await ctx.agent.calls.get(callId)).call_state === state) return;
    await ctx.advance(500);
  }
  throw new Differs(`call ${callId} never reached ${state}`);
}

function archiveShape(what: string, status: number, body: unknown): Record<string, unknown> {
  const b = body as Record<string, unknown>;
  if (!b || typeof b.message !== 'string' || !isInt(b.http_code))
    throw new Differs(`${what}: expected { message, http_code }, got ${JSON.stringify(body).slice(0, 200)}`);
  if (b.http_code !== status) throw new Differs(`${what}: HTTP status ${status} but http_code ${b.http_code}`);
  return b;
}

/** A.7's messages, verbatim (page 2362507280; `atleast` sic). */
const PROCESSED = 'lead_ids batch was successfully processed';
const UNAUTHORIZED = 'unable to validate api user';
const OFFICE_HOURS = 'api cannot be executed during office hours time condition';
/** Every flag false: a batch that moves nothing, so the checks may name any id. */
const MOVE_NOTHING = { insert_leads: false, update_leads: false, delete_leads: false };
const DEARCHIVE_NOTHING = { insert_leads: false, delete_leads: false };

/** A request to the archive service as TForge shows it: the system key only, no tokenKey (A.3). */
function vicidial(ctx: ContractContext, path: string, body: unknown, systemKey?: string | null) {
  return ctx.raw('POST', path, { body, token: false, ...(systemKey !== undefined ? { systemKey } : {}) });
}

function expectMessage(what: string, b: Record<string, unknown>, message: string): void {
  if (b.message !== message)
    throw new Differs(`${what}: message ${JSON.stringify(b.message)}, documented ${JSON.stringify(message)}`);
}

/**
 * A batch that moves nothing answers 200 with the documented message and counts, or 403 with
 * the documented message when it is archive inside office hours.
 */
async function expectProcessed(ctx: ContractContext, what: string, path: string, body: unknown): Promise<void> {
  const r = await vicidial(ctx, path, body);
  const b = archiveShape(what, r.status, r.body);
  if (r.status === 403 && !path.includes('dearchive')) return expectMessage(what, b, OFFICE_HOURS);
  if (r.status !== 200) throw new Differs(`${what}: expected 200, got ${r.status} ${JSON.stringify(b).slice(0, 200)}`);
  expectMessage(what, b, PROCESSED);
  expectFields(what, b, { select_count: 'int', insert_count: 'int', update_count: 'int', delete_count: 'int' });
}

/**
 * A 400 with the documented message; `echo` (when A.7 fixes it) is what `lead_ids` must hold,
 * `lead_errors` its count.
 */
async function expectLeadErrors400(
  ctx: ContractContext,
  what: string,
  body: unknown,
  message: string,
  echo?: unknown[],
  path = '/vicidial/leads/archive',
): Promise<void> {
  const r = await vicidial(ctx, path, body);
  const b = archiveShape(what, r.status, r.body);
  if (r.status !== 400) throw new Differs(`${what}: expected 400, got ${r.status}`);
  if (!isInt(b.lead_errors) || !Array.isArray(b.lead_ids))
    throw new Differs(`${what}: a 400 carries lead_errors (count) and lead_ids, got ${JSON.stringify(b)}`);
  expectMessage(what, b, message);
  if (b.lead_errors !== b.lead_ids.length)
    throw new Differs(`${what}: lead_errors ${b.lead_errors} does not count the ${b.lead_ids.length} lead_ids echoed`);
  if (echo && JSON.stringify(b.lead_ids) !== JSON.stringify(echo))
    throw new Differs(`${what}: lead_ids ${JSON.stringify(b.lead_ids)}, expected ${JSON.stringify(echo)}`);
}

/**
 * Every contract check, in the order the suite runs them.
 *
 * @example
 * ```ts
 * import { CONTRACT_CHECKS, createInprocTarget, runContractSuite } from '@omnikit/scenarios';
 *
 * const checks = CONTRACT_CHECKS.filter((c) => c.subject.startsWith('POST /omni/user/'));
 * const report = await runContractSuite(await createInprocTarget(), { checks });
 * ```
 */
export const CONTRACT_CHECKS: readonly ContractCheck[] = [
  {
    subject: AUTHORIZE,
    source: 'A.2',
    fact: 'answers user_id (integer), user_name, token_key and expiry_date (date-time)',
    async run(ctx) {
      const r = await ctx.raw('POST', '/omni/user/authorize', {
        token: false,
        body: { user_name: ctx.userName, password: b64(ctx.password) },
      });
      await ctx.renewToken();
      expect2xx('authorize', r.status, r.body);
      expectFields('the user token', r.body, {
        user_id: 'int',
        user_name: 'string',
        token_key: 'string',
        expiry_date: 'date-time',
      });
    },
  },
  {
    subject: AUTHORIZE,
    source: 'A.2',
    fact: 'a wrong system key is refused with 401',
    async run(ctx) {
      const r = await ctx.raw('POST', '/omni/user/authorize', {
        token: false,
        systemKey: 'not-the-key',
        body: { user_name: ctx.userName, password: b64(ctx.password) },
      });
      if (r.status !== 401) throw new Differs(`expected 401, got ${r.status}`);
    },
  },
  {
    subject: AUTHORIZE,
    source: 'A.2',
    fact: 'the system key is also accepted as the auth-key query parameter',
    async run(ctx) {
      const r = await ctx.raw('POST', '/omni/user/authorize', {
        token: false,
        systemKey: null,
        query: { 'auth-key': ctx.system.systemKey },
        body: { user_name: ctx.userName, password: b64(ctx.password) },
      });
      await ctx.renewToken();
      expect2xx('authorize with auth-key', r.status, r.body);
    },
  },
  {
    subject: AUTHORIZE,
    source: 'A.2',
    fact: 'the password is Base64 of its ASCII bytes: the plain password is refused',
    async run(ctx) {
      const r = await ctx.raw('POST', '/omni/user/authorize', {
        token: false,
        body: { user_name: ctx.userName, password: `${ctx.password}!plain` },
      });
      if (!refused(r)) throw new Differs(`a non-Base64 password was accepted (${r.status})`);
    },
  },
  {
    subject: 'GET /omni/users',
    source: 'A.3',
    fact: 'answers { users: [{ user_id, user_name }] } with user_id a string',
    async run(ctx) {
      const r = await ctx.raw('GET', '/omni/users');
      expect2xx('list users', r.status, r.body);
      const users = (r.body as { users?: unknown }).users;
      if (!Array.isArray(users) || users.length === 0)
        throw new Differs(`expected a non-empty users array, got ${JSON.stringify(r.body)}`);
      users.forEach((u, i) => {
        expectFields(`users[${i}]`, u, { user_id: 'string', user_name: 'string' });
      });
    },
  },
  {
    subject: LOGIN,
    source: 'A.1',
    fact: 'registration must come before campaign login: an unregistered extension is refused',
    async run(ctx) {
      if (ctx.loggedIn) throw new NotRun('the agent is already logged in');
      const r = await ctx.raw('POST', `/omni/users/${ctx.userId}/login`, {
        body: { campaign_id: ctx.campaignId, extension: ctx.extension },
      });
      if (!refused(r)) throw new Differs(`login without a registered extension answered ${r.status}`);
    },
  },
  {
    subject: LOGIN,
    source: 'A.3',
    fact: 'with the extension registered (A.8), login with campaign_id and extension answers { success, detail }',
    async run(ctx) {
      await ctx.login();
      const me = await ctx.agent.get();
      if (me.agent_state === 'logged_out') throw new Differs('the agent is still logged out after login');
    },
  },
  {
    subject: CALL,
    source: 'A.3',
    fact: 'answers call_id (integer), phone_number, call_state and call_start_time (date-time)',
    async run(ctx) {
      const number = ctx.testNumber(0);
      if (!ctx.loggedIn) await ctx.login();
      const r = await ctx.raw('POST', `/omni/voice/${ctx.userId}/call`, {
        body: { phone_number: number, unique_id: 'contract-1' },
      });
      expect2xx('click-2-dial', r.status, r.body);
      expectFields('the call', r.body, {
        call_id: 'int',
        phone_number: 'string',
        call_state: 'string',
        call_start_time: 'date-time',
      });
      const callId = (r.body as { call_id: number }).call_id;
      await ctx.advance(1_500);
      await untilCallState(ctx, callId, 'answered');
      await ctx.advance(1_000);
      await endCall(ctx, callId);
    },
  },
  {
    subject: CALL,
    source: 'A.3',
    fact: 'accepts the CLI under its misspelt name outboud_cli',
    async run(ctx) {
      const number = ctx.testNumber(0);
      if (!ctx.loggedIn) await ctx.login();
      const r = await ctx.raw('POST', `/omni/voice/${ctx.userId}/call`, {
        body: { phone_number: number, outboud_cli: '0215550100' },
      });
      expect2xx('click-2-dial with outboud_cli', r.status, r.body);
      await endCall(ctx, (r.body as { call_id: number }).call_id);
    },
  },
  {
    subject: 'POST /omni/voice/{user_id}/call/{call_id}/hold · /retrieve',
    source: 'A.1',
    fact: 'hold parks the customer, retrieve takes the held call back',
    async run(ctx) {
      const number = ctx.testNumber(0);
      if (!ctx.loggedIn) await ctx.login();
      const call = await ctx.agent.calls.make({ phone_number: number });
      await ctx.advance(1_500);
      await untilCallState(ctx, call.call_id, 'answered');
      await ctx.agent.calls.hold(call.call_id);
      const held = await ctx.agent.calls.get(call.call_id);
      await ctx.agent.calls.retrieve(call.call_id);
      const back = await ctx.agent.calls.get(call.call_id);
      await endCall(ctx, call.call_id);
      if (held.call_state !== 'on_hold') throw new Differs(`after hold the call is ${held.call_state}`);
      if (back.call_state !== 'answered') throw new Differs(`after retrieve the call is ${back.call_state}`);
    },
  },
  {
    subject: 'POST /omni/voice/{user_id}/call/{call_id}/connect',
    source: 'A.1',
    fact: 'after a conference, connect joins the two external parties and hangs up the agent',
    async run(ctx) {
      const [a, b] = [ctx.testNumber(0), ctx.testNumber(1)];
      if (!ctx.loggedIn) await ctx.login();
      const call = await ctx.agent.calls.make({ phone_number: a });
      await ctx.advance(1_500);
      await untilCallState(ctx, call.call_id, 'answered');
      const third = await ctx.agent.calls.conference(call.call_id, { phone_number: b });
      await ctx.advance(1_500);
      await untilCallState(ctx, third.call_id, 'answered');
      await ctx.agent.calls.connect(call.call_id);
      const after = await ctx.agent.calls.get(call.call_id);
      const me = await ctx.agent.get();
      await ctx.agent.calls.dispose(call.call_id, { disposition_code: 'XFER' }).catch(() => {});
      await ctx.agent.calls.hangup(third.call_id).catch(() => {});
      await ctx.agent.calls.hangup(call.call_id).catch(() => {});
      if (after.call_state === 'ended') throw new Differs('the customer call ended at connect');
      if (after.agent_leg_state !== 'ended')
        throw new Differs(`the agent is still on the call (${after.agent_leg_state})`);
      if (me.call_id === call.call_id && me.agent_state === 'on_call') throw new Differs('the agent is still on_call');
    },
  },
  {
    subject: 'POST /omni/voice/{user_id}/shotgun',
    source: 'A.1',
    fact: 'one request dials five numbers at once; the first to answer goes to the agent, the other four are dropped',
    async run(ctx) {
      const numbers = [0, 1, 2, 3, 4].map((i) => ctx.testNumber(i));
      if (!ctx.loggedIn) await ctx.login();
      const started = await ctx.agent.shotgun.start({ phone_numbers: numbers });
      if (started.calls.length !== 5) throw new Differs(`expected 5 legs, got ${started.calls.length}`);
      let view = await ctx.agent.shotgun.get(started.shotgun_id);
      for (let i = 0; i < 10 && view.state === 'racing'; i++) {
        await ctx.advance(500);
        view = await ctx.agent.shotgun.get(started.shotgun_id);
      }
      if (view.winner_call_id) await endCall(ctx, view.winner_call_id);
      if (view.state !== 'won') throw new Differs(`the race ended ${view.state}`);
      const dropped = view.legs.filter((l) => l.call_id !== view.winner_call_id && l.call_state === 'ended');
      if (dropped.length !== 4) throw new Differs(`expected the 4 other legs dropped, ${dropped.length} were`);
    },
  },
  {
    subject: 'PUT /omni/campaign/{campaign_id}',
    source: 'A.5',
    fact: 'takes the documented campaign fields, HoursPerWorkingDay and ProgressiveThreshold in PascalCase',
    async run(ctx) {
      const body = {
        description: 'contract suite',
        HoursPerWorkingDay: 7,
        ProgressiveThreshold: 2,
        auto_record: false,
      };
      const r = await ctx.raw('PUT', `/omni/campaign/${ctx.campaignId}`, { body });
      expect2xx('update campaign', r.status, r.body);
      const back = await ctx.directory.campaigns.get(ctx.campaignId);
      if (back.HoursPerWorkingDay !== 7 || back.ProgressiveThreshold !== 2)
        throw new Differs(
          `read back HoursPerWorkingDay ${back.HoursPerWorkingDay}, ProgressiveThreshold ${back.ProgressiveThreshold}`,
        );
    },
  },
  {
    subject: 'POST /omni/lead',
    source: 'A.6',
    fact: 'takes first_name, last_name, other_info, unique_id, list_id, cost and phone_numbers[]',
    async run(ctx) {
      for (let i = 0; i < 3; i++) {
        const r = await ctx.raw('POST', '/omni/lead', {
          body: {
            first_name: 'Contract',
            last_name: `Lead ${i}`,
            other_info: 'made by the contract suite',
            unique_id: `contract-${i}`,
            lead_provider: 'omnikit',
            list_id: ctx.listId,
            cost: 1.5,
            phone_numbers: [
              { phone_number: `0873000${100 + i}`, phone_type_id: 2, time_zone_id: 0, high_priority: false },
            ],
          },
        });
        expect2xx('add lead', r.status, r.body);
        const id = (r.body as { lead_id?: unknown }).lead_id;
        if (isInt(id)) ctx.leadIds.push(id);
      }
    },
  },
  {
    subject: 'POST /omni/lead',
    source: 'A.6',
    fact: 'other_info is required',
    async run(ctx) {
      const r = await ctx.raw('POST', '/omni/lead', {
        body: { first_name: 'No', list_id: ctx.listId, phone_numbers: [{ phone_number: '0873000200' }] },
      });
      // A 400, or (where Omni refuses with a 2xx) success: false; any other status is not "required".
      if (!refused(r) || (r.status > 299 && r.status !== 400))
        throw new Differs(`a lead without other_info answered ${r.status}`);
    },
  },
  {
    subject: 'POST /omni/leads/bulk/upload',
    source: 'A.6',
    fact: 'takes list_id, dnc_check, deduplication and leads[] of phone_number_1…',
    async run(ctx) {
      const r = await ctx.raw('POST', '/omni/leads/bulk/upload', {
        body: {
          list_id: ctx.listId,
          dnc_check: true,
          deduplication: true,
          leads: [
            {
              phone_number_1: '0873000300',
              first_name: 'Bulk',
              last_name: 'One',
              email_1: 'one@example.com',
              city: 'Durban',
            },
            { phone_number_1: '0873000301', phone_number_2: '0873000302', first_name: 'Bulk', last_name: 'Two' },
          ],
        },
      });
      expect2xx('bulk upload', r.status, r.body);
    },
  },
  {
    subject: ARCHIVE,
    source: 'A.3, A.7',
    fact: 'TForge’s example: the system key only (no tokenKey), lead_ids [0, 1] (0 is a valid id) → 200 "lead_ids batch was successfully processed" (403 inside office hours)',
    // Every flag false: nothing moves, whatever ids 0 and 1 are on the target.
    run: (ctx) =>
      expectProcessed(ctx, 'archive [0, 1]', '/vicidial/leads/archive', { ...MOVE_NOTHING, lead_ids: [0, 1] }),
  },
  {
    subject: ARCHIVE,
    source: 'A.7',
    fact: 'the HTTP status equals http_code: 200 with counts and the documented message outside office hours, 403 "api cannot be executed during office hours time condition" inside them',
    async run(ctx) {
      if (ctx.leadIds.length === 0) throw new NotRun('no lead of the suite to archive');
      await expectProcessed(ctx, 'archive', '/vicidial/leads/archive', {
        insert_leads: true,
        update_leads: true,
        delete_leads: true,
        lead_ids: ctx.leadIds,
      });
    },
  },
  {
    subject: ARCHIVE,
    source: 'A.7',
    fact: 'a wrong or missing system key → 401 "unable to validate api user"',
    async run(ctx) {
      for (const [what, key] of [
        ['a wrong system key', 'not-the-key'],
        ['no system key', null],
      ] as const) {
        const r = await vicidial(ctx, '/vicidial/leads/archive', { ...MOVE_NOTHING, lead_ids: [0] }, key);
        const b = archiveShape(what, r.status, r.body);
        if (r.status !== 401) throw new Differs(`${what}: expected 401, got ${r.status}`);
        expectMessage(what, b, UNAUTHORIZED);
      }
    },
  },
  {
    subject: ARCHIVE,
    source: 'A.7',
    fact: '400 "lead_ids cannot contain duplicate values", echoing the duplicated id',
    // The bad-input checks name only the suite's own leads, or move nothing (every flag false): on a
    // real Omni that accepted the bad input after all, no lead of the system's would be archived.
    run: (ctx) => {
      const own = ctx.leadIds[0];
      if (own === undefined) throw new NotRun('no lead of the suite to name twice');
      return expectLeadErrors400(
        ctx,
        'duplicate ids',
        { ...MOVE_NOTHING, lead_ids: [own, own] },
        'lead_ids cannot contain duplicate values',
        [own],
      );
    },
  },
  {
    subject: ARCHIVE,
    source: 'A.7',
    fact: '400 "lead_ids cannot exceed 500 values" for 501 ids, with lead_errors 0 and lead_ids []',
    run: (ctx) =>
      expectLeadErrors400(
        ctx,
        '501 ids',
        { ...MOVE_NOTHING, lead_ids: Array.from({ length: 501 }, (_, i) => i + 1) },
        'lead_ids cannot exceed 500 values',
        [],
      ),
  },
  {
    subject: ARCHIVE,
    source: 'A.7',
    fact: '400 "lead_ids must only contain integer values", echoing the non-integers',
    run: (ctx) =>
      expectLeadErrors400(
        ctx,
        'non-integer ids',
        { ...MOVE_NOTHING, lead_ids: [0, 'x', 2.5] },
        'lead_ids must only contain integer values',
        ['x', 2.5],
      ),
  },
  {
    subject: ARCHIVE,
    source: 'A.7',
    fact: '400 "insert_leads must be a boolean value" for a flag that is not boolean (flags before ids), and "lead_ids must contain atleast 1 value" for no ids',
    async run(ctx) {
      const own = ctx.leadIds[0];
      if (own === undefined) throw new NotRun('no lead of the suite to name');
      await expectLeadErrors400(
        ctx,
        'a flag "yes"',
        { ...MOVE_NOTHING, insert_leads: 'yes', lead_ids: [own] },
        'insert_leads must be a boolean value',
      );
      await expectLeadErrors400(
        ctx,
        'a flag 1 and no ids',
        { ...MOVE_NOTHING, delete_leads: 1, lead_ids: [] },
        'delete_leads must be a boolean value',
      );
      await expectLeadErrors400(
        ctx,
        'no ids',
        { ...MOVE_NOTHING, lead_ids: [] },
        'lead_ids must contain atleast 1 value',
        [],
      );
    },
  },
  {
    subject: ARCHIVE_OLD,
    source: 'A.7',
    fact: 'the older path is served: the system key only → 200 with the documented message (403 inside office hours); a duplicate → the documented 400',
    async run(ctx) {
      await expectProcessed(ctx, 'archive (older path)', '/vicidial/lead/archive/', {
        ...MOVE_NOTHING,
        lead_ids: [0, 1],
      });
      await expectLeadErrors400(
        ctx,
        'duplicate ids (older path)',
        { ...MOVE_NOTHING, lead_ids: [0, 0] },
        'lead_ids cannot contain duplicate values',
        [0],
        '/vicidial/lead/archive/',
      );
    },
  },
  {
    subject: DEARCHIVE,
    source: 'A.7',
    fact: 'allowed at any time: 200 with select/insert/update/delete counts, http_code 200 and the documented message',
    async run(ctx) {
      if (ctx.leadIds.length === 0) throw new NotRun('no lead of the suite to dearchive');
      const r = await vicidial(ctx, '/vicidial/leads/dearchive', {
        insert_leads: true,
        delete_leads: true,
        lead_ids: ctx.leadIds,
      });
      const b = archiveShape('dearchive', r.status, r.body);
      if (r.status !== 200) throw new Differs(`expected 200, got ${r.status}`);
      expectMessage('dearchive', b, PROCESSED);
      expectFields('dearchive result', b, { select_count: 'int', insert_count: 'int', delete_count: 'int' });
    },
  },
  {
    subject: DEARCHIVE,
    source: 'A.3, A.7',
    fact: 'the system key only (no tokenKey); a wrong system key → 401 "unable to validate api user"; a duplicate → the documented 400',
    async run(ctx) {
      await expectProcessed(ctx, 'dearchive [0, 1]', '/vicidial/leads/dearchive', {
        ...DEARCHIVE_NOTHING,
        lead_ids: [0, 1],
      });
      const r = await vicidial(
        ctx,
        '/vicidial/leads/dearchive',
        { ...DEARCHIVE_NOTHING, lead_ids: [0] },
        'not-the-key',
      );
      const b = archiveShape('a wrong system key', r.status, r.body);
      if (r.status !== 401) throw new Differs(`a wrong system key: expected 401, got ${r.status}`);
      expectMessage('a wrong system key', b, UNAUTHORIZED);
      await expectLeadErrors400(
        ctx,
        'duplicate ids',
        { ...DEARCHIVE_NOTHING, lead_ids: [0, 0] },
        'lead_ids cannot contain duplicate values',
        [0],
        '/vicidial/leads/dearchive',
      );
    },
  },
  {
    subject: DEARCHIVE_OLD,
    source: 'A.7',
    fact: 'the older path is served: 200 with the documented message; no ids → 400 "lead_ids must contain atleast 1 value"',
    async run(ctx) {
      await expectProcessed(ctx, 'dearchive (older path)', '/vicidial/lead/dearchive', {
        ...DEARCHIVE_NOTHING,
        lead_ids: [0, 1],
      });
      await expectLeadErrors400(
        ctx,
        'no ids (older path)',
        { ...DEARCHIVE_NOTHING, lead_ids: [] },
        'lead_ids must contain atleast 1 value',
        [],
        '/vicidial/lead/dearchive',
      );
    },
  },
  {
    subject: 'POST /vicidial/… (an unknown path)',
    source: 'A.7',
    fact: 'an unknown path under /vicidial/ answers 404 in the service’s { message, http_code } shape',
    async run(ctx) {
      const r = await vicidial(ctx, '/vicidial/leads/no-such-service', { ...MOVE_NOTHING, lead_ids: [0] });
      archiveShape('an unknown /vicidial/ path', r.status, r.body);
      if (r.status !== 404) throw new Differs(`an unknown /vicidial/ path: expected 404, got ${r.status}`);
    },
  },
  {
    subject: 'notification cdr',
    source: 'A.4',
    fact: 'one {type:"cdr", payload} per call with every documented field, dispostion_code spelt so, durations in ms',
    async run(ctx) {
      const number = ctx.testNumber(0);
      if (!ctx.loggedIn) await ctx.login();
      const call = await ctx.agent.calls.make({ phone_number: number, unique_id: 'contract-cdr' });
      await ctx.advance(1_500);
      await untilCallState(ctx, call.call_id, 'answered');
      await ctx.advance(2_000);
      await ctx.agent.calls.hangup(call.call_id);
      await ctx.agent.calls.dispose(call.call_id, { disposition_code: 'SALE' });
      await ctx.inbox
        .waitFor((n) => n.type === 'cdr' && n.payload.call_id === call.call_id, 20_000)
        .catch(() => {
          throw new Differs(`no cdr arrived for call ${call.call_id}`);
        });
      const delivery = ctx.inbox.deliveries.find(
        (d) => d.notification.type === 'cdr' && d.notification.payload.call_id === call.call_id,
      );
      const wire = JSON.parse(delivery?.raw ?? '{}') as { type?: unknown; payload?: Record<string, unknown> };
      if (wire.type !== 'cdr' || !wire.payload) throw new Differs(`the envelope is not { type: "cdr", payload }`);
      const p = wire.payload;
      expectFields('the cdr', p, {
        call_id: 'int',
        phone_number: 'string',
        caller_id: 'string',
        call_direction: 'string',
        dispostion_code: 'string',
        sip_code: 'int',
        user_id: 'int',
        campaign_id: 'int',
        list_id: 'int',
        call_type: 'int',
        recording_url: 'string',
        start_date_time: 'date-time',
        ivr_time: 'int',
        ring_time: 'int',
        talk_time: 'int',
        user_time: 'int',
        hold_time: 'int',
        wrap_time: 'int',
      });
      if (typeof (p.unique_id ?? p.reference_id) !== 'string') throw new Differs('no unique_id (or reference_id)');
      if (!('end_date_time' in p) && !('end_time_time' in p)) throw new Differs('no end_date_time');
      if (p.dispostion_code !== 'SALE')
        throw new Differs(`dispostion_code is ${JSON.stringify(p.dispostion_code)}, not the agent's SALE`);
      if (p.call_direction !== 'outbound') throw new Differs(`call_direction is ${JSON.stringify(p.call_direction)}`);
      if ((p.talk_time as number) < 1_000)
        throw new Differs(`talk_time ${p.talk_time} for a 2 s talk: not milliseconds`);
    },
  },
  {
    subject: 'notification inbound',
    source: 'A.4',
    fact: 'sent when an inbound call reaches an agent: call_id, phone_number, DNIS, reference_id, call_direction, user_id, campaign_id, list_id, call_type',
    async run(ctx) {
      const control = ctx.system.control;
      if (!control) throw new NotRun("making a customer call in needs the mock's control API");
      const did = '0861999777';
      const { campaign_id } = await ctx.directory.campaigns.create({
        campaign_name: 'Contract inbound',
        campaign_type: 7,
        inbound_dids: [did],
      });
      if (ctx.loggedIn) await ctx.agent.logout();
      ctx.loggedIn = false;
      await ctx.login(campaign_id);
      await ctx.agent.state({ state: 'ready' });
      const { call_id } = await control.call('placeInboundCall', { body: { did, phone_number: '0825550123' } });
      await ctx.inbox
        .waitFor((n) => n.type === 'inbound' && n.payload.call_id === call_id, 5_000)
        .catch(() => {
          throw new Differs(`no inbound notification for call ${call_id}`);
        });
      const delivery = ctx.inbox.deliveries.find(
        (d) => d.notification.type === 'inbound' && d.notification.payload.call_id === call_id,
      );
      const wire = JSON.parse(delivery?.raw ?? '{}') as { type?: unknown; payload?: Record<string, unknown> };
      expectFields('the inbound object', wire.payload, {
        call_id: 'int',
        phone_number: 'string',
        DNIS: 'string',
        reference_id: 'string',
        call_direction: 'string',
        user_id: 'int',
        campaign_id: 'int',
        list_id: 'int',
        call_type: 'int',
      });
      if (wire.payload?.DNIS !== did)
        throw new Differs(`DNIS is ${JSON.stringify(wire.payload?.DNIS)}, not the dialled ${did}`);
      await endCall(ctx, call_id);
    },
  },
  // B.12's channels: OmniKit's shapes, not TForge's (not run on a real Omni).
  ...MESSAGING_CHECKS,
];
