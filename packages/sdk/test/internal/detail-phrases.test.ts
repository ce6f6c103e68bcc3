import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  InvalidStateError,
  NotFoundError,
  OmniClient,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  ServerError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../src/index.js';
import { kindOfDetail } from '../../src/internal/detail-phrases.js';
import { json, T0, tokenData } from '../support/fake-fetch.js';

/**
 * Every `detail` the mock writes, per error code, copied by hand from apps/mock-omni/src
 * (`fail(…)`, `new DomainError(…)`, `DomainError.invalidState/notFound/validation`, the call
 * machine's refusals), with the class the sdk must make of it when the answer carries no
 * `error_code` and no status (`errors=ok-false`).
 */
const MOCK_DETAILS: readonly (readonly [code: string, detail: string, kind: typeof ApiError])[] = [
  [
    'MISSING_SYSTEM_KEY',
    'send the system key as "Authorization: Key=<system key>" (or ?auth-key=)',
    AuthenticationError,
  ],
  ['MISSING_SYSTEM_KEY', "this route needs the mock's admin key in X-Mock-Admin-Key", AuthenticationError],
  ['INVALID_SYSTEM_KEY', 'the system key is not the key of any system of this mock', AuthenticationError],
  ['INVALID_SYSTEM_KEY', 'the Authorization header must be "Key=<system key>"', AuthenticationError],
  ['INVALID_SYSTEM_KEY', 'the auth-key query parameter is empty', AuthenticationError],
  ['INVALID_SYSTEM_KEY', "the X-Mock-Admin-Key header is not the mock's admin key", AuthenticationError],
  [
    'MISSING_TOKEN',
    'the tokenKey header is missing (and no tokenKey cookie): authorize first and send its token_key',
    AuthenticationError,
  ],
  ['INVALID_TOKEN', 'the tokenKey is not a token of this system', AuthenticationError],
  ['INVALID_TOKEN', 'user_name or password is wrong (the password is sent as Base64)', AuthenticationError],
  ['TOKEN_EXPIRED', 'the tokenKey expired at 2026-01-05T16:00:00.000Z: authorize again', AuthenticationError],
  ['FORBIDDEN_USER', 'the token belongs to user 1, not to user 2', PermissionError],
  [
    'FORBIDDEN_USER',
    'conversation 4 is queued: agent 1 may take it for itself, not assign it to agent 2',
    PermissionError,
  ],
  [
    'FORBIDDEN_USER',
    'Leads can be archived only outside office hours (it is inside them now in Africa/Johannesburg)',
    PermissionError,
  ],
  [
    'FORBIDDEN_ORIGIN',
    'the mock does not serve the host "evil.test" (a DNS-rebinding page would come this way): use 127.0.0.1 or localhost, or start the mock with --allow-host evil.test',
    PermissionError,
  ],
  [
    'FORBIDDEN_ORIGIN',
    'a webhook delivery (X-Omni-Notification-Id) never drives the control API: the notification endpoint points at the mock itself',
    PermissionError,
  ],
  [
    'FORBIDDEN_ORIGIN',
    "the control API does not serve pages of https://evil.test: only the mock's own origin and those given with --allow-origin",
    PermissionError,
  ],
  [
    'FORBIDDEN_ORIGIN',
    "the control API does not serve another site's page (Sec-Fetch-Site: cross-site)",
    PermissionError,
  ],
  [
    'VALIDATION_FAILED',
    'invalid body field: phone_number must be 3 to 16 digits with an optional leading +',
    ValidationError,
  ],
  ['VALIDATION_FAILED', 'invalid body fields: campaign_id Invalid input (and 1 more)', ValidationError],
  ['VALIDATION_FAILED', 'invalid path parameter: call_id must be a positive integer', ValidationError],
  ['VALIDATION_FAILED', 'invalid query parameter: page_size Too big: expected number to be <=500', ValidationError],
  ['VALIDATION_FAILED', 'the body is empty: send a JSON object', ValidationError],
  ['VALIDATION_FAILED', 'the body nests arrays and objects more than 64 levels deep', ValidationError],
  ['VALIDATION_FAILED', 'the body is not valid JSON: Unexpected token } in JSON at position 9', ValidationError],
  ['VALIDATION_FAILED', 'pause_code is only given with state paused', ValidationError],
  ['VALIDATION_FAILED', "pause_code must be one of campaign 1's pause codes (BREAK, LUNCH, TRAIN)", ValidationError],
  [
    'VALIDATION_FAILED',
    "disposition_code must be one of campaign 1's dispositions or a system code (SALE, NI, CALLBK, DNC, XFER)",
    ValidationError,
  ],
  [
    'VALIDATION_FAILED',
    "callback_date_time must be in the future (the system's clock says 2026-01-05T08:00:00.000Z)",
    ValidationError,
  ],
  ['VALIDATION_FAILED', 'callback_date_time is required with disposition CALLBK', ValidationError],
  ['VALIDATION_FAILED', 'phone_numbers must hold 1 to 5 numbers, not 6', ValidationError],
  ['VALIDATION_FAILED', 'phone_numbers.2 is a duplicate', ValidationError],
  ['VALIDATION_FAILED', 'list_id is required (or the older list_name)', ValidationError],
  [
    'VALIDATION_FAILED',
    "the notification endpoint http://127.0.0.1:4010/__mock/x is this mock's own control API: deliveries must not drive /__mock",
    ValidationError,
  ],
  ['VALIDATION_FAILED', 'dids campaign 4 has no inbound_dids: give the DIDs to ring', ValidationError],
  ['VALIDATION_FAILED', "dids.0 0800555100 is not one of campaign 4's inbound_dids", ValidationError],
  ['VALIDATION_FAILED', 'the body is not valid UTF-8: send JSON encoded as UTF-8', ValidationError],
  [
    'VALIDATION_FAILED',
    'notes is not valid Unicode: it holds an unpaired surrogate (\\uD800–\\uDFFF)',
    ValidationError,
  ],
  ['VALIDATION_FAILED', 'pause_code is given with paused only', ValidationError],
  [
    'VALIDATION_FAILED',
    'template Order Update is not valid: name must be 1 to 512 lower-case letters, digits or underscores',
    ValidationError,
  ],
  ['VALIDATION_FAILED', 'invalid body field: media.0.content_type whatsapp does not take image/gif', ValidationError],
  [
    'VALIDATION_FAILED',
    'invalid body fields: media whatsapp takes at most 1 file(s) per message, not 2; media.1.content_type whatsapp does not take application/x-forbidden',
    ValidationError,
  ],
  [
    'VALIDATION_FAILED',
    'invalid body field: media sms takes at most 5 MB of media per message, not 6 MB',
    ValidationError,
  ],
  [
    'VALIDATION_FAILED',
    'invalid body field: media.0.size_bytes an image on whatsapp is at most 5 MB, not 6 MB',
    ValidationError,
  ],
  ['NOT_FOUND', 'call 99 does not exist in this system', NotFoundError],
  ['NOT_FOUND', 'no template order_update in en (WhatsApp 132001)', NotFoundError],
  ['NOT_FOUND', 'campaign 99 does not exist in this system', NotFoundError],
  ['NOT_FOUND', 'recording 9_20260105080000.wav does not exist in this system', NotFoundError],
  ['NOT_FOUND', 'campaign taking calls on DID 0800555100 does not exist in this system', NotFoundError],
  ['ROUTE_NOT_FOUND', 'there is no route GET /omni/nothing (see /docs)', NotFoundError],
  [
    'INVALID_STATE',
    'hold is not allowed in this state (call_state ringing, agent_leg_state none, recording_state off, wrap-up none, conference none): hold needs an answered call the agent is connected to',
    InvalidStateError,
  ],
  [
    'INVALID_STATE',
    'dispose is not allowed in this state (call_state answered, agent_leg_state connected, recording_state off, wrap-up none, conference none): dispose is allowed once the agent’s part has ended, once per call',
    InvalidStateError,
  ],
  [
    'INVALID_STATE',
    'agent 1 is already logged in to campaign 1 (agent_state paused): log out first',
    InvalidStateError,
  ],
  [
    'INVALID_STATE',
    'agent 1 is already logging in: its phone (extension 1001) has not answered its bridge call yet',
    InvalidStateError,
  ],
  [
    'INVALID_STATE',
    'extension 1001 is a SIP phone: the login must wait for it to answer its bridge call',
    InvalidStateError,
  ],
  ['INVALID_STATE', 'agent 1 is on_call (call 7): hang up and dispose the call before logging out', InvalidStateError],
  ['INVALID_STATE', 'agent 1 is wrap_up (call 7): the state can be set once the call is disposed', InvalidStateError],
  [
    'INVALID_STATE',
    'agent 1 is on_call (call 7): a call can start when the agent is paused or ready',
    InvalidStateError,
  ],
  [
    'INVALID_STATE',
    'preview needs a Preview campaign (type 2): user 1 is logged in to campaign 1, type 3',
    InvalidStateError,
  ],
  ['INVALID_STATE', 'user 1 is on_call: preview/next needs an agent paused or ready', InvalidStateError],
  ['INVALID_STATE', 'lead 5 is not the lead user 1 is previewing (none)', InvalidStateError],
  ['INVALID_STATE', 'shotgun 3 is won: only a race still racing can be cancelled', InvalidStateError],
  ['INVALID_STATE', 'user_name agent9 is already taken in this system', InvalidStateError],
  ['INVALID_STATE', 'extension 1009 already belongs to another user', InvalidStateError],
  [
    'INVALID_STATE',
    'the phone of extension 1001 did not answer its bridge call within 5000 ms: the agent stays logged out',
    InvalidStateError,
  ],
  [
    'INVALID_STATE',
    'the phone of extension 1001 refused its bridge call with SIP code 486: the agent stays logged out',
    InvalidStateError,
  ],
  ['INVALID_STATE', 'no notification endpoint is set: set one before replaying or testing delivery', InvalidStateError],
  [
    'INVALID_STATE',
    'notification 4f1c is pending (attempt 2 due at 2026-01-05T08:00:10.000Z): nothing to replay',
    InvalidStateError,
  ],
  ['INVALID_STATE', 'campaign 1 takes no inbound calls: it must be Inbound (type 7) or blended', InvalidStateError],
  [
    'INVALID_STATE',
    'the system was reset or deleted while the phone of extension 1001 rang: the agent stays logged out',
    InvalidStateError,
  ],
  ['INVALID_STATE', 'agent 1 is in messaging campaign 1: leave it before joining 2', InvalidStateError],
  ['INVALID_STATE', 'conversation 4 is closed', InvalidStateError],
  ['INVALID_STATE', 'conversation 4 is queued: take it (assign) first', InvalidStateError],
  ['INVALID_STATE', 'conversation 4 is assigned to agent 2', InvalidStateError],
  ['INVALID_STATE', 'conversation 4 is assigned to agent 2: only its owner transfers it', InvalidStateError],
  ['INVALID_STATE', 'the open sms conversation 4 with +27821234567 is assigned to agent 2', InvalidStateError],
  ['INVALID_STATE', 'messaging campaign 2 does not carry email', InvalidStateError],
  ['INVALID_STATE', 'the clock is real: only a manual clock can be advanced', InvalidStateError],
  ['INVALID_STATE', 'a system with key acme already exists', InvalidStateError],
  ['INVALID_STATE', 'the default system cannot be deleted: reset it instead', InvalidStateError],
  [
    'EXTENSION_NOT_REGISTERED',
    'extension 1001 is not registered: register its phone over WebRTC (or a virtual one with POST /__mock/phones/1001/register) before campaign login',
    InvalidStateError,
  ],
  ['EXTENSION_NOT_REGISTERED', "extension 1002 is not user 1's (user 1 has extension 1001)", InvalidStateError],
  [
    'EXTENSION_NOT_REGISTERED',
    'extension 1001 is not registered over WebRTC any more: register its phone again before campaign login',
    InvalidStateError,
  ],
  ['AGENT_NOT_LOGGED_IN', 'user 1 is not logged in to a campaign', InvalidStateError],
  ['AGENT_NOT_LOGGED_IN', 'agent 1 has not joined a messaging campaign', InvalidStateError],
  ['AGENT_NOT_LOGGED_IN', 'agent 2 has not joined messaging campaign 1', InvalidStateError],
  ['AGENT_NOT_LOGGED_IN', 'agent 1 is not logged in to a campaign: log in first', InvalidStateError],
  ['AGENT_NOT_LOGGED_IN', 'agent 1 is not logged in to a campaign: log in before calling', InvalidStateError],
  ['PAYLOAD_TOO_LARGE', 'the body is 2097152 bytes; this route takes at most 1048576', PayloadTooLargeError],
  [
    'UNSUPPORTED_MEDIA_TYPE',
    'the body must be sent with Content-Type: application/json (none was given)',
    UnsupportedMediaTypeError,
  ],
  [
    'UNSUPPORTED_MEDIA_TYPE',
    'the body must be sent with Content-Type: application/json, not "text/plain"',
    UnsupportedMediaTypeError,
  ],
  ['INTERNAL', 'the mock failed while serving holdCall (a bug in the mock; see its log)', ServerError],
  ['INTERNAL', 'the mock failed (a bug in the mock; see its log)', ServerError],
  ['INTERNAL', 'the mock could not store the change', ServerError],
  ['INTERNAL', "the mock's answer to holdCall broke its contract (a bug in the mock)", ServerError],
  [
    'SERVICE_UNAVAILABLE',
    "the mock's database file is corrupt (database disk image is malformed); this request was not served: stop the mock and restore a copy of its --db, or restart it with --reset (fresh demo data)",
    ServerError,
  ],
];

function clientAnswering(answer: () => Response) {
  return new OmniClient({
    baseUrl: 'http://omni.test',
    systemKey: 'k',
    fetch: async () => answer(),
    now: () => T0,
    maxRetries: 0,
  });
}

describe('the detail phrase table: the mock’s every detail, with no code and no status', () => {
  for (const [code, detail, kind] of MOCK_DETAILS) {
    it(`${code}: "${detail.slice(0, 60)}…" → ${kind.name}`, async () => {
      const client = clientAnswering(() => json(200, { success: false, detail }));
      const agent = client.agent(client.restoreSession(tokenData('t', T0 + 3600_000, 3)));
      const error = await agent.calls.hold(12).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kind);
      expect(error).toMatchObject({ status: 200, errorCode: undefined, detail });
    });
  }

  it('a failed authorize is an AuthenticationError whatever its detail says', async () => {
    const client = clientAnswering(() => json(200, { success: false, detail: 'Login failed.' }));
    const error = await client.authorize('agent1', 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 200, detail: 'Login failed.', routeId: 'authorize' });
  });

  it('an unrecognised detail with a Retry-After is a RateLimitError', async () => {
    const client = clientAnswering(() =>
      json(200, { success: false, detail: 'injected fault on listCampaigns (fault 1)' }, { 'retry-after': '3' }),
    );
    const omni = client.withSession(client.restoreSession(tokenData('t', T0 + 3600_000)));
    const error = await omni.campaigns.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 3, status: 200 });
  });

  it('an unrecognised detail is the base ApiError with the status it came with', async () => {
    const client = clientAnswering(() => json(200, { success: false, detail: 'Something happened.' }));
    const omni = client.withSession(client.restoreSession(tokenData('t', T0 + 3600_000)));
    const error = await omni.campaigns.get(1).catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(ApiError);
    expect(error).toMatchObject({ status: 200, errorCode: undefined, detail: 'Something happened.' });
  });

  it('kinds that steer the session: a token refusal is told from a bad system key and bad credentials', () => {
    expect(kindOfDetail('the tokenKey is not a token of this system')).toBe('token');
    expect(kindOfDetail('the tokenKey was revoked by a newer authorize of user 1')).toBe('token');
    expect(kindOfDetail('Token has expired')).toBe('token');
    expect(kindOfDetail('The token has been revoked')).toBe('token');
    expect(kindOfDetail('this is not a token of this system')).toBe('token');
    expect(kindOfDetail('the system key is not the key of any system of this mock')).toBe('system-key');
    expect(kindOfDetail('user_name or password is wrong (the password is sent as Base64)')).toBe('credentials');
    expect(kindOfDetail('the token belongs to user 1, not to user 2')).toBe('permission');
  });

  it.each([
    'the tokenKey header is missing (and no tokenKey cookie): authorize first and send its token_key',
    'injected fault on getCampaign (fault 1): no tokenKey was sent: authorize first',
    'Missing token',
    'No token was sent',
    'The token header is missing',
  ])('a token that never arrived is told from a refused one: %j', (detail) => {
    expect(kindOfDetail(detail)).toBe('no-token');
  });
});
