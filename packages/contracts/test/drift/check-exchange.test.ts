import { describe, expect, it } from 'vitest';
import { checkExchange, matchRoute, omniDriftContracts, templatePath } from '../../src/drift/index.js';
import { callStartedBody, cdrBody, notificationLine, restLine } from '../support/exchange-line.js';

const findings = (line: Parameters<typeof checkExchange>[0]) => checkExchange(line).findings;

describe('matchRoute', () => {
  const contracts = omniDriftContracts();
  it('picks the most specific template and ignores a trailing slash', () => {
    expect(matchRoute(contracts, 'POST', '/omni/voice/3/call/9/hold')?.id).toBe('holdCall');
    expect(matchRoute(contracts, 'GET', '/omni/voice/3/call/9')?.id).toBe('getCall');
    expect(matchRoute(contracts, 'post', '/omni/voice/3/call/')?.id).toBe('makeCall');
    expect(matchRoute(contracts, 'POST', '/vicidial/lead/archive/')?.id).toBe('archiveLeadsLegacy');
    expect(matchRoute(contracts, 'PATCH', '/omni/voice/3/call')).toBeUndefined();
  });
  it('groups unknown paths by their numeric segments', () => {
    expect(templatePath('/omni/queue/12/stats')).toBe('/omni/queue/{n}/stats');
  });
});

describe('checkExchange on REST exchanges', () => {
  it('finds nothing in an answer that follows the contract', () => {
    const check = checkExchange(
      restLine('POST', '/omni/voice/3/call', 200, callStartedBody, { phone_number: '0800555001' }),
    );
    expect(check).toEqual({
      kind: 'rest',
      route_id: 'makeCall',
      notification_type: null,
      unknown_route: null,
      findings: [],
    });
  });

  it('reports a string id as a type difference with the field’s source', () => {
    expect(findings(restLine('POST', '/omni/voice/3/call', 200, { ...callStartedBody, call_id: '17' }))).toEqual([
      {
        location: 'response.200.body.call_id',
        kind: 'type',
        expected: 'integer',
        seen: 'string',
        example: '17',
        source: 'documented',
      },
    ]);
  });

  it('reports a renamed field once, as missing with the name seen instead', () => {
    const { call_state, ...rest } = callStartedBody;
    const found = findings(restLine('POST', '/omni/voice/3/call', 200, { ...rest, callState: call_state }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      location: 'response.200.body.call_state',
      kind: 'missing',
      renamed_to: 'callState',
      source: 'documented',
    });
  });

  it('reports a missing field and an unrelated extra one separately', () => {
    const { call_state: _, ...rest } = callStartedBody;
    const found = findings(restLine('POST', '/omni/voice/3/call', 200, { ...rest, queue: 4, note: 'x' }));
    expect(found.map((f) => `${f.kind} ${f.location}`).sort()).toEqual([
      'extra response.200.body.note',
      'extra response.200.body.queue',
      'missing response.200.body.call_state',
    ]);
  });

  it('reports an enumeration value outside the list, tagged inferred on an inferred route', () => {
    const call = {
      call_id: 9,
      phone_number: '0800555001',
      call_state: 'parked',
      call_direction: 'outbound',
      call_type: 1,
      campaign_id: 0,
      lead_id: 0,
      unique_id: '',
      agent_leg_state: 'none',
      recording_state: 'off',
      call_start_time: '2026-01-05T08:00:00.000Z',
      answer_time: null,
      end_time: null,
    };
    expect(findings(restLine('GET', '/omni/voice/3/call/9', 200, call))).toEqual([
      expect.objectContaining({
        location: 'response.200.body.call_state',
        kind: 'enum',
        seen: '"parked"',
        source: 'inferred',
      }),
    ]);
  });

  it('reports a date in another format as a type difference', () => {
    const found = findings(
      restLine('POST', '/omni/voice/3/call', 200, { ...callStartedBody, call_start_time: '2026-01-05 08:00:00' }),
    );
    expect(found).toEqual([expect.objectContaining({ location: 'response.200.body.call_start_time', kind: 'type' })]);
  });

  it('reports a 200 with success:false once, as an inferred status difference', () => {
    expect(
      findings(restLine('POST', '/omni/users/3/logout', 200, { success: false, detail: 'not logged in' })),
    ).toEqual([expect.objectContaining({ location: 'response.200.body.success', kind: 'status', source: 'inferred' })]);
  });

  it('accepts an error status the route lists, and checks its body', () => {
    const body = { success: false, detail: 'bad token', error_code: 'INVALID_TOKEN' };
    expect(findings(restLine('POST', '/omni/users/3/logout', 401, body))).toEqual([]);
    expect(findings(restLine('POST', '/omni/users/3/logout', 401, { ...body, error_code: 'NOPE' }))).toEqual([
      expect.objectContaining({ location: 'response.401.body.error_code', kind: 'enum', source: 'inferred' }),
    ]);
  });

  it('keeps the documented source of the archive service’s documented errors', () => {
    const body = { message: 'unable to validate api user', http_code: 401, extra: 1 };
    expect(findings(restLine('POST', '/vicidial/leads/archive', 401, body))).toEqual([
      expect.objectContaining({ location: 'response.401.body.extra', kind: 'extra', source: 'documented' }),
    ]);
  });

  it('reports a status the route never answers', () => {
    expect(findings(restLine('POST', '/omni/voice/3/call', 418, { teapot: true }))).toEqual([
      expect.objectContaining({ location: 'response.status', kind: 'status', seen: '418', source: 'documented' }),
    ]);
  });

  it('reports a body that is not JSON as unparseable', () => {
    const line = restLine('POST', '/omni/voice/3/call', 200, undefined);
    const text = { ...line, response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' } };
    expect(findings(text)).toEqual([
      expect.objectContaining({ location: 'response.200.body', kind: 'unparseable', seen: 'text/html' }),
    ]);
  });

  it('reports an unknown route once with where it was', () => {
    const check = checkExchange(restLine('GET', '/omni/queues/12', 200, { queues: [] }));
    expect(check.route_id).toBeNull();
    expect(check.unknown_route).toEqual({
      method: 'GET',
      path: '/omni/queues/{n}',
      example_path: '/omni/queues/12',
      status: 200,
    });
    expect(check.findings).toEqual([
      expect.objectContaining({ location: 'GET /omni/queues/{n}', kind: 'unknown-route', source: 'inferred' }),
    ]);
  });

  it('takes the 404 of a path the /vicidial/ service lacks, in its shape, as the documented answer (A.7)', () => {
    const probe = restLine('POST', '/vicidial/leads/no-such-service', 404, {
      message: 'api endpoint not found',
      http_code: 404,
    });
    expect(checkExchange(probe)).toEqual({
      kind: 'rest',
      route_id: null,
      notification_type: null,
      unknown_route: null,
      findings: [],
    });
    // Another answer there is still a route the contracts lack.
    for (const [status, body] of [
      [200, { message: 'done', http_code: 200 }],
      [404, { success: false, detail: 'not found' }],
    ] as const) {
      const other = checkExchange(restLine('POST', '/vicidial/leads/no-such-service', status, body));
      expect(other.findings.map((f) => f.kind)).toEqual(['unknown-route']);
    }
  });

  it('checks a recording’s content type, not its bytes', () => {
    const line = restLine('GET', '/omni/recording/9_20260105080000.wav', 200, undefined);
    const wav = {
      ...line,
      response: { status: 200, headers: { 'content-type': 'audio/wav' }, body_base64: 'UklGRg==' },
    };
    expect(findings(wav)).toEqual([]);
    const html = { ...line, response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' } };
    expect(findings(html)).toEqual([
      expect.objectContaining({ location: 'response.200.headers.content-type', kind: 'type', expected: 'audio/wav' }),
    ]);
  });

  it('checks a request body only when the server accepted it', () => {
    const sent = { phone_number: '0800555001', priority: 'high' };
    expect(findings(restLine('POST', '/omni/voice/3/call', 200, callStartedBody, sent))).toEqual([
      expect.objectContaining({ location: 'request.body.priority', kind: 'extra', source: 'documented' }),
    ]);
    const refused = { success: false, detail: 'bad', error_code: 'VALIDATION_FAILED', errors: [] };
    expect(findings(restLine('POST', '/omni/voice/3/call', 400, refused, sent))).toEqual([]);
  });
});

describe('checkExchange on notifications', () => {
  it('finds nothing in a notification that follows the contract', () => {
    const check = checkExchange(notificationLine(cdrBody));
    expect(check.notification_type).toBe('cdr');
    expect(check.findings).toEqual([]);
  });

  it('reports a payload difference with the documented source of the cdr', () => {
    const { dispostion_code, ...rest } = cdrBody.payload;
    const found = findings(notificationLine({ type: 'cdr', payload: { ...rest, disposition_code: dispostion_code } }));
    expect(found).toEqual([
      expect.objectContaining({
        location: 'notification.cdr.payload.dispostion_code',
        kind: 'missing',
        renamed_to: 'disposition_code',
        source: 'documented',
      }),
    ]);
  });

  it('reports missing delivery headers and unknown types as inferred', () => {
    const found = findings(notificationLine({ type: 'queue_stats', payload: {} }, {}));
    expect(found).toEqual([expect.objectContaining({ location: 'notification queue_stats', kind: 'unknown-route' })]);
    const bare = notificationLine(cdrBody);
    const headers = { 'content-type': 'application/json' };
    expect(findings({ ...bare, request: { ...bare.request, headers } }).map((f) => f.location)).toEqual([
      'notification.headers.x-omni-notification-id',
      'notification.headers.x-omni-timestamp',
    ]);
  });

  it('reports a body that is no envelope as unparseable', () => {
    expect(findings(notificationLine('hello'))).toEqual([
      expect.objectContaining({ location: 'notification', kind: 'unparseable' }),
    ]);
  });
});
