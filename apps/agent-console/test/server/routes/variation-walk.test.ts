import { buildPath } from '@omnikit/contracts';
import { VARIATION_AXES } from '@omnikit/contracts/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { type ConsoleAnswer, type ConsoleRouteId, consoleRoutes } from '../../../src/shared/console-routes.js';
import { consoleEvents } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, EventReader, sleep, startConsoleFixture } from '../console-fixture.js';

/**
 * The agent's main flow through the console's own routes, against every value of every variation axis
 * (`omni-mock --vary`): whatever shape the real Omni turns out to have, the console's browser code gets the
 * answers it checks (each route's schema), its events, and Omni's refusals as the console's error body.
 */
const VALUES = [
  ...VARIATION_AXES.flatMap((axis) => axis.values.map((value) => `${axis.name}=${value.name}`)),
  // And the plausible answers together, each axis off its default.
  'errors=ok-false,dates=vicidial,ids=strings,tokens=revoke-older,notifications=twice,extras=extra-fields',
  'errors=status-only,dates=iso-offset,ids=strings,tokens=short-lived,notifications=swapped,extras=extra-fields',
  'errors=ok-false,dates=vicidial,tokens=short-lived,notifications=at-most-once',
  'errors=status-only,tokens=revoke-older,notifications=unsigned',
];

/** Two hours off UTC, no daylight saving. */
const ZONE = 'Africa/Johannesburg';

type Note = { type: string; payload: Record<string, unknown> };

/** A browser as the web app is one: every answer checked against the route's schema, as console-client.ts does. */
class Desk {
  readonly browser: ConsoleBrowser;
  constructor(url: string) {
    this.browser = new ConsoleBrowser(url);
  }

  async call<R extends ConsoleRouteId>(
    route: R,
    options: { params?: Record<string, string | number>; body?: unknown } = {},
  ): Promise<ConsoleAnswer<R>> {
    const spec = consoleRoutes[route];
    const res = await this.browser.request(spec.method, buildPath(spec.path, options.params ?? {}), options.body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${route}: ${res.status} ${text}`);
    const answer = spec.answer;
    if (typeof answer === 'string') throw new Error(`${route} answers no JSON`);
    const parsed = answer.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${route}: the browser would not understand ${text}: ${parsed.error.message}`);
    return parsed.data as ConsoleAnswer<R>;
  }

  /** A refused call: the console's error body, within a person's patience. */
  async refused(route: ConsoleRouteId, options: { params?: Record<string, string | number>; body?: unknown } = {}) {
    const spec = consoleRoutes[route];
    const res = await this.browser.request(spec.method, buildPath(spec.path, options.params ?? {}), options.body);
    const text = await res.text();
    expect(res.status, `${route}: ${text}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${route}: ${text}`).toBeLessThan(500);
    return { status: res.status, ...consoleError.parse(JSON.parse(text)).error };
  }
}

/** Waits (wall clock, up to 5 s) until `done` holds. */
async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('condition not met in 5 s');
    await sleep(50);
  }
}

/** Omni's clock now, as ISO-8601 UTC. */
async function omniNow(fx: ConsoleFixture): Promise<string> {
  return ((await (await fx.control('GET', '/__mock/clock')).json()) as { now: string }).now;
}

/** A CRM beside the console: it authorizes agent1 at Omni itself, and reads the agent's state. */
async function crmAgentState(fx: ConsoleFixture): Promise<string> {
  const key = { Authorization: `Key=${fx.mock.defaultSystemKey}`, 'content-type': 'application/json' };
  const authorized = await fetch(`${fx.mockUrl}/omni/user/authorize`, {
    method: 'POST',
    headers: key,
    body: JSON.stringify({ user_name: 'agent1', password: Buffer.from('password1').toString('base64') }),
  });
  const { token_key } = (await authorized.json()) as { token_key: string };
  const agent = await fetch(`${fx.mockUrl}/omni/users/1`, { headers: { ...key, tokenKey: token_key } });
  return ((await agent.json()) as { agent_state: string }).agent_state;
}

/** The newest entry of the mock's request journal. */
async function lastJournalId(fx: ConsoleFixture): Promise<number> {
  const { entries } = (await (await fx.control('GET', '/__mock/journal?limit=1')).json()) as {
    entries: { id: number }[];
  };
  return entries[0]?.id ?? 0;
}

/** How many authorizes reached Omni after journal entry `since`. */
async function authorizesSince(fx: ConsoleFixture, since: number): Promise<number> {
  const res = await fx.control('GET', `/__mock/journal?route_id=authorize&since_id=${since}&limit=1000`);
  return ((await res.json()) as { entries: unknown[] }).entries.length;
}

/** The notifications the browser's feed would show (each checked as use-console-events.ts does). */
function feed(reader: EventReader): Note[] {
  return reader.events
    .filter((e) => e.event === 'notification')
    .map((e) => consoleEvents.notification.safeParse(e.data))
    .filter((p) => p.success)
    .map((p) => p.data as unknown as Note);
}

describe.each(VALUES)('the agent’s day against an Omni with %s', (vary) => {
  let fx: ConsoleFixture;
  let desk: Desk;
  let events: EventReader;
  const seen = (found: (n: Note) => boolean) => () => feed(events).some(found);

  beforeAll(async () => {
    // Omni's system in a zone off UTC, and the console told so (`--omni-time-zone`): a date-time Omni writes in
    // local time (dates=vicidial, iso-offset) must still reach the page as its true instant.
    fx = await startConsoleFixture({ vary, args: ['--omni-time-zone', ZONE], webhookCheckMs: 100 });
    const hours = (await (await fx.control('GET', '/__mock/office-hours')).json()) as { windows: unknown };
    await fx.control('PUT', '/__mock/office-hours', { time_zone: ZONE, windows: hours.windows });
    desk = new Desk(fx.url);
  });
  afterAll(async () => {
    events?.close();
    await fx?.close();
  });

  it('signs in, lists campaigns, logs in, dials, holds, retrieves, hangs up, disposes, signs out', async () => {
    const signedIn = await desk.browser.signIn('agent1', 'password1');
    expect(signedIn.status, await signedIn.clone().text()).toBe(200);
    const session = await desk.call('getSession');
    expect(session).toMatchObject({ user_id: 1, user_name: 'agent1', extension: '1001' });
    events = await EventReader.open(desk.browser);
    await events.until((e) => e.some((x) => x.event === 'hello'));
    const phone = await desk.call('getPhone');
    expect(phone.extension).toBe('1001');
    // Before the phone registers, and before a campaign: refusals that tell the agent what to do.
    const noCampaign = await desk.refused('dial', { body: { phone_number: '0800555008' } });
    expect(noCampaign).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(noCampaign.message).toMatch(/not logged in to a campaign/);
    const noPhone = await desk.refused('campaignLogin', { body: { campaign_id: 1 } });
    expect(noPhone).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(noPhone.message).toMatch(/phone is not registered/);
    // The phone registers (a virtual phone on the mock: the bridge call at login needs it).
    expect((await fx.control('POST', '/__mock/phones/1001/register')).ok).toBe(true);

    const { campaigns } = await desk.call('listCampaigns');
    const campaign = campaigns.find((c) => c.campaign_id === 1);
    expect(campaign).toBeDefined();
    await desk.call('campaignLogin', { body: { campaign_id: 1 } });
    expect((await desk.call('getAgent')).agent_state).toBe('paused');
    await desk.call('setState', { body: { state: 'ready' } });
    await events.until(seen((n) => n.type === 'agent_state' && n.payload.agent_state === 'ready'));

    const started = await desk.call('dial', { body: { phone_number: '0800555008', unique_id: 'walk-1' } });
    const callId = started.call_id;
    expect(typeof callId).toBe('number');
    expect(started.call_start_time).toBe(await omniNow(fx));
    await fx.advance(1000); // 0800555008 answers after 1 s
    await events.until(
      seen((n) => n.type === 'call_state' && n.payload.call_id === callId && n.payload.call_state === 'answered'),
    );
    const live = await desk.call('getCall', { params: { call_id: callId } });
    expect(live).toMatchObject({ call_id: callId, call_state: 'answered', unique_id: 'walk-1' });
    expect(live.answer_time).toBe(await omniNow(fx));
    const answered = feed(events).find(
      (n) => n.type === 'call_state' && n.payload.call_id === callId && n.payload.call_state === 'answered',
    );
    expect(answered?.payload.timestamp).toBe(live.answer_time);

    await desk.call('hold', { params: { call_id: callId } });
    expect((await desk.call('getCall', { params: { call_id: callId } })).call_state).toBe('on_hold');
    await desk.call('retrieve', { params: { call_id: callId } });
    expect((await desk.call('getCall', { params: { call_id: callId } })).call_state).toBe('answered');
    await fx.advance(2000);
    await desk.call('hangup', { params: { call_id: callId } });
    expect((await desk.call('getAgent')).agent_state).toBe('wrap_up');

    // Refusals reach the page as the console's error body, in words.
    const holdEnded = await desk.refused('hold', { params: { call_id: callId } });
    expect(holdEnded).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(holdEnded.message).toMatch(/cannot be done right now/);
    const unknownCode = await desk.refused('dispose', {
      params: { call_id: callId },
      body: { disposition_code: 'NOPE' },
    });
    expect(unknownCode.status).toBe(400);
    expect(unknownCode.code).toBe('BAD_REQUEST');
    const unknownCall = await desk.refused('getCall', { params: { call_id: 999_999 } });
    expect(unknownCall).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    await desk.call('dispose', { params: { call_id: callId }, body: { disposition_code: 'SALE', notes: 'walk' } });
    await events.until(seen((n) => n.type === 'cdr' && n.payload.call_id === callId));
    const cdrs = feed(events).filter((n) => n.type === 'cdr' && n.payload.call_id === callId);
    expect(cdrs).toHaveLength(1);
    expect(cdrs[0]?.payload).toMatchObject({ dispostion_code: 'SALE', user_id: 1, campaign_id: 1 });
    const states = feed(events)
      .filter((n) => n.type === 'call_state' && n.payload.call_id === callId)
      .map((n) => n.payload.call_state);
    // Each once (an Omni that delivers twice is de-duplicated), in whatever order they came.
    expect(states.sort()).toEqual(['answered', 'answered', 'ended', 'initiated', 'on_hold', 'ringing']);
    const disposedTwice = await desk.refused('dispose', {
      params: { call_id: callId },
      body: { disposition_code: 'SALE' },
    });
    expect(disposedTwice).toMatchObject({ status: 409, code: 'CONFLICT' });

    await desk.call('campaignLogout');
    expect((await desk.call('getAgent')).agent_state).toBe('logged_out');
    await desk.call('signOut');
    await events.ended();
    expect(events.events.at(-1)).toEqual({ event: 'session', data: { state: 'signed_out' } });
    expect(fx.logs.filter((l) => l.startsWith('internal error'))).toEqual([]);
  });

  it('the rest of the desk: sign-in page, inbox, supervisor, lead, recording, conference, shotgun, preview', async () => {
    const info = await desk.call('info');
    expect(info.control_api).toBe(true);
    expect((await desk.call('demoAgents')).agents.length).toBeGreaterThan(0);
    await desk.browser.signIn('agent1', 'password1');
    events = await EventReader.open(desk.browser);
    const inbox = await desk.call('inbox');
    expect(inbox.available).toBe(true);
    await desk.call('messagingTemplates');
    // The inbox: join a messaging campaign, take the waiting customers, read, answer and close one.
    const messaging = inbox.available ? inbox.campaigns.find((c) => c.channels.includes('whatsapp')) : undefined;
    expect(messaging).toBeDefined();
    await desk.call('messagingJoin', { body: { campaign_id: messaging?.campaign_id ?? 0 } });
    await desk.call('messagingState', { body: { state: 'ready' } });
    const taken = await desk.call('inbox');
    const waiting = taken.available ? taken.conversations.filter((c) => c.conversation_state === 'assigned') : [];
    expect(waiting.length).toBeGreaterThan(0);
    const first = waiting[0];
    if (!first) throw new Error('no conversation offered');
    expect(first.unread_count).toBeGreaterThan(0);
    expect(Date.parse(first.last_message?.at ?? '')).toBeLessThanOrEqual(Date.parse(await omniNow(fx)));
    const thread = await desk.call('getConversation', { params: { conversation_id: first.conversation_id } });
    expect(thread.messages.length).toBeGreaterThan(0);
    await desk.call('markRead', { params: { conversation_id: first.conversation_id } });
    const sent = await desk.call('reply', {
      params: { conversation_id: first.conversation_id },
      body: { kind: 'text', text: 'Thank you, on it.', ...(first.channel === 'email' ? { subject: 'Re' } : {}) },
    });
    expect(sent.conversation_id).toBe(first.conversation_id);
    await desk.call('closeConversation', {
      params: { conversation_id: first.conversation_id },
      body: { disposition_code: 'NI' },
    });
    const closedTwice = await desk.refused('closeConversation', {
      params: { conversation_id: first.conversation_id },
      body: { disposition_code: 'NI' },
    });
    expect(closedTwice.code).toBe('CONFLICT');
    await desk.call('messagingLeave');
    const supervisor = await desk.call('supervisor');
    expect(supervisor.agents.find((a) => a.user_id === 1)?.phone).toBe('virtual');
    await desk.call('supervisorSeries', { params: { campaign_id: 1 } });

    await desk.call('campaignLogin', { body: { campaign_id: 1 } });
    await desk.call('setState', { body: { state: 'ready' } });
    const lead = await desk.call('getLead', { params: { lead_id: 1 } });
    expect(lead.lead_id).toBe(1);
    const { call_id: callId } = await desk.call('dial', { body: { phone_number: '0800555008', lead_id: 1 } });
    await fx.advance(1000);
    const live = await desk.call('getCall', { params: { call_id: callId } });
    expect(live).toMatchObject({ call_state: 'answered', lead_id: 1 });
    const recording = await desk.call('record', { params: { call_id: callId }, body: { action: 'start' } });
    expect(recording.recording_state).toBe('recording');
    await fx.advance(2000);
    await desk.call('record', { params: { call_id: callId }, body: { action: 'stop' } });
    const audio = await desk.browser.request('GET', recording.playback_url ?? '');
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const third = await desk.call('conference', { params: { call_id: callId }, body: { phone_number: '0800555008' } });
    await fx.advance(1000);
    expect((await desk.call('getCall', { params: { call_id: third.call_id } })).call_state).toBe('answered');
    await desk.call('connect', { params: { call_id: callId } });
    await desk.call('dispose', {
      params: { call_id: callId },
      body: { disposition_code: 'CALLBK', callback_date_time: '2026-01-06T09:00:00+02:00' },
    });
    // The customer talks on with the 3rd party (no CDR yet); the agent has left wrap-up.
    await events.until(seen((n) => n.type === 'agent_state' && n.payload.previous_state === 'wrap_up'));

    await desk.call('setState', { body: { state: 'ready' } });
    const race = await desk.call('startShotgun', { body: { phone_numbers: ['0800555002', '0800555008'] } });
    await fx.advance(1500);
    const won = await desk.call('getShotgun', { params: { shotgun_id: race.shotgun_id } });
    expect(won.state).toBe('won');
    expect(won.legs.find((l) => l.call_id === won.winner_call_id)?.phone_number).toBe('0800555008');
    await events.until(seen((n) => n.type === 'shotgun_result' && n.payload.shotgun_id === race.shotgun_id));
    await desk.call('hangup', { params: { call_id: won.winner_call_id } });
    await desk.call('dispose', { params: { call_id: won.winner_call_id }, body: { disposition_code: 'NI' } });
    const cancelled = await desk.call('startShotgun', { body: { phone_numbers: ['0800555009'] } });
    await desk.call('cancelShotgun', { params: { shotgun_id: cancelled.shotgun_id } });
    expect((await desk.call('getShotgun', { params: { shotgun_id: cancelled.shotgun_id } })).state).toBe('cancelled');
    await fx.advance(30_000);
    await desk.call('signOut');

    const previewer = new Desk(fx.url);
    await previewer.browser.signIn('agent3', 'password3');
    await fx.control('POST', '/__mock/phones/1003/register');
    await previewer.call('campaignLogin', { body: { campaign_id: 3 } });
    const next = await previewer.call('previewNext');
    expect(next.lead?.lead_id).toBeGreaterThan(0);
    await previewer.call('previewSkip', { body: { lead_id: next.lead?.lead_id ?? 0 } });
    await previewer.call('signOut');
    expect(fx.logs.filter((l) => l.startsWith('internal error'))).toEqual([]);
  });

  it('keeps working across a second sign-in of the agent and past its token’s lifetime', async () => {
    const first = new Desk(fx.url);
    await first.browser.signIn('agent1', 'password1');
    const firstEvents = await EventReader.open(first.browser);
    await first.call('campaignLogin', { body: { campaign_id: 1 } });
    await first.call('setState', { body: { state: 'ready' } });
    // The same agent signs in from a second browser (Omni may revoke the first one's token: tokens=revoke-older).
    const second = new Desk(fx.url);
    await second.browser.signIn('agent1', 'password1');
    const signedIn = await lastJournalId(fx);
    expect((await first.call('getAgent')).agent_state).toBe('ready');
    expect((await second.call('getAgent')).agent_state).toBe('ready');
    const { call_id: callId } = await first.call('dial', { body: { phone_number: '0800555008' } });
    await fx.advance(1000);
    expect((await second.call('getCall', { params: { call_id: callId } })).call_state).toBe('answered');
    expect((await first.call('getAgent')).agent_state).toBe('on_call');
    // The two browsers share the agent's one token: they never take it from each other.
    expect(await authorizesSince(fx, signedIn)).toBe(0);
    // A CRM authorizes the same agent at Omni directly.
    await crmAgentState(fx);
    await first.call('hold', { params: { call_id: callId } });
    // Sixteen minutes on hold: past a short-lived token's 15 (tokens=short-lived).
    await fx.advance(16 * 60_000);
    await first.call('retrieve', { params: { call_id: callId } });
    await second.call('hangup', { params: { call_id: callId } });
    await first.call('dispose', { params: { call_id: callId }, body: { disposition_code: 'SALE' } });
    await firstEvents.until(() => feed(firstEvents).some((n) => n.type === 'cdr' && n.payload.call_id === callId));
    await fx.advance(16 * 60_000);
    // The console reads Omni's notification endpoint back with the agent's token, renewed as need be.
    const checkedAfter = new Date().toISOString();
    await until(async () => {
      const health = await first.browser.json<{ webhook_endpoint: { state: string; checked_at: string | null } }>(
        'GET',
        '/health',
      );
      return (health.webhook_endpoint.checked_at ?? '') > checkedAfter && health.webhook_endpoint.state === 'ours';
    });
    // Signing out of the last browser logs the agent out of its campaign, however old its token.
    await first.call('signOut');
    await second.call('signOut');
    expect(await crmAgentState(fx)).toBe('logged_out');
    firstEvents.close();
  });
});
