import { describe, expect, it } from 'vitest';
import { controlOpenApiDocument, controlRoutes } from '../../src/control/index.js';
import { ERROR_STATUS, omniOpenApiDocument, routeList } from '../../src/index.js';
import {
  conversationListQuery,
  conversationView,
  inboundMessageBody,
  messagingControlRoutes,
  messagingRouteList,
  messagingRoutes,
} from '../../src/messaging/index.js';
import { failsAt } from '../support/field-table.js';

type Json = Record<string, unknown>;

describe('the messaging routes (B.12.4)', () => {
  it('are all inferred, under /omni/messaging, with a user token, and apart from the voice routes', () => {
    for (const route of messagingRouteList) {
      expect(route.source, route.id).toBe('inferred');
      expect(route.path.startsWith('/omni/messaging'), route.id).toBe(true);
      expect(route.auth, route.id).toBe('user');
      expect(route.errorCodes).toContain('INVALID_TOKEN');
    }
    const voiceIds = new Set<string>(routeList.map((r) => r.id));
    for (const id of Object.keys(messagingRoutes)) expect(voiceIds.has(id), id).toBe(false);
  });

  it('retry only the reads and the commands safe to repeat', () => {
    const idempotent = messagingRouteList.filter((r) => r.idempotent).map((r) => r.id);
    expect(idempotent.sort()).toEqual(
      [
        'listConversations',
        'getConversation',
        'listMessages',
        'getMessage',
        'markConversationRead',
        'getMessagingCampaign',
        'listMessagingCampaigns',
        'leaveMessaging',
        'setMessagingState',
        'getMessagingAgent',
        'listTemplates',
        'getTemplate',
      ].sort(),
    );
  });

  it('sendMessage answers the rules’ codes: four 409s and a 400 (B.12.5)', () => {
    const codes = messagingRoutes.sendMessage.errorCodes;
    for (const code of [
      'WINDOW_CLOSED_TEMPLATE_REQUIRED',
      'MESSAGE_TAG_REQUIRED',
      'RECIPIENT_OPTED_OUT',
      'TEMPLATE_NOT_APPROVED',
    ] as const) {
      expect(codes).toContain(code);
      expect(ERROR_STATUS[code]).toBe(409);
    }
    expect(codes).toContain('TEMPLATE_VARIABLES_MISMATCH');
    expect(ERROR_STATUS.TEMPLATE_VARIABLES_MISMATCH).toBe(400);
    expect(codes).toContain('FORBIDDEN_USER');
  });

  it('pages like the lead list: page from 1, page_size 1..500, defaults 1 and 50', () => {
    expect(conversationListQuery.parse({})).toMatchObject({ page: 1, page_size: 50 });
    expect(conversationListQuery.parse({ page: '3', page_size: '500', channel: 'email' })).toMatchObject({
      page: 3,
      page_size: 500,
      channel: 'email',
    });
    expect(failsAt(conversationListQuery.safeParse({ page: '0' }), 'page')).toBe(true);
    expect(failsAt(conversationListQuery.safeParse({ page_size: '501' }), 'page_size')).toBe(true);
    expect(failsAt(conversationListQuery.safeParse({ conversation_state: 'open' }), 'conversation_state')).toBe(true);
  });

  it('a conversation has null dates where B.12.2 says so', () => {
    const base = {
      conversation_id: 1,
      channel: 'sms',
      customer_address: '0821234567',
      business_address: '0800100200',
      campaign_id: 1,
      user_id: 0,
      conversation_state: 'queued',
      subject: '',
      unread_count: 1,
      opted_out: false,
      window_expires_at: null,
      last_inbound_at: null,
      last_message_at: '2026-01-05T08:00:00.000Z',
      created_at: '2026-01-05T08:00:00.000Z',
      closed_at: null,
      disposition_code: '',
    };
    expect(conversationView.safeParse(base).error?.issues ?? []).toEqual([]);
    expect(failsAt(conversationView.safeParse({ ...base, last_message_at: null }), 'last_message_at')).toBe(true);
    expect(failsAt(conversationView.safeParse({ ...base, conversation_state: 'open' }), 'conversation_state')).toBe(
      true,
    );
  });
});

describe('the OpenAPI document carries messaging', () => {
  const doc = omniOpenApiDocument();
  const op = (path: string, method: string) => (doc.paths[path] as Json)[method] as Json;

  it('has every messaging operation, tagged inferred and messaging', () => {
    for (const route of messagingRouteList) {
      const operation = op(route.path, route.method.toLowerCase());
      expect(operation.operationId).toBe(route.id);
      expect(operation['x-omni-source']).toBe('inferred');
      expect(operation.tags).toEqual(['messaging']);
      expect(operation['x-omni-axes']).toEqual(['tokens']);
    }
  });

  it('names the variation axes on the answers: dates, ids and extras on the response, each on its properties', () => {
    const ok = (op('/omni/messaging/messages/{message_id}', 'get').responses as Json)['200'] as Json;
    expect(ok['x-omni-axes']).toEqual(['dates', 'ids', 'extras']);
    const text = JSON.stringify(doc);
    expect(text).toContain('"Message"');
    const message = (doc.components.schemas.Message ?? {}) as Json;
    const props = (message.properties ?? {}) as Record<string, Json>;
    expect(props.created_at?.['x-omni-axes']).toEqual(['dates']);
    expect(props.message_id?.['x-omni-axes']).toEqual(['ids']);
  });

  it('has a webhook per messaging notification, inferred', () => {
    for (const type of [
      'message_received',
      'message_status',
      'conversation_assigned',
      'conversation_window',
      'conversation_end',
    ]) {
      const hook = doc.webhooks?.[type] as Json | undefined;
      expect(hook, type).toBeDefined();
      expect(JSON.stringify(hook)).toContain('"x-omni-source":"inferred"');
    }
  });

  it('the control routes are the inbound message and the template review, inferred, for the mock only', () => {
    expect(messagingControlRoutes.injectInboundMessage.path).toBe('/__mock/messages/inbound');
    expect(messagingControlRoutes.reviewTemplate.path).toBe('/__mock/messages/templates/{template_id}/review');
    for (const route of Object.values(messagingControlRoutes)) {
      expect(route.auth).toBe('control');
      expect(route.source).toBe('inferred');
      expect(Object.keys(doc.paths)).not.toContain(route.path);
      expect(Object.values(controlRoutes)).toContain(route);
    }
    expect(Object.keys(controlOpenApiDocument().paths)).toContain('/__mock/messages/inbound');
  });
});

describe('inboundMessageBody (B.12.7)', () => {
  it('accepts a customer’s WhatsApp text and an email with a subject', () => {
    expect(inboundMessageBody.safeParse({ channel: 'whatsapp', from: '0666003', body: 'Hi' }).success).toBe(true);
    expect(
      inboundMessageBody.safeParse({ channel: 'email', from: 'ann@example.com', subject: 'Help', body: 'x' }).success,
    ).toBe(true);
  });

  it('refuses a from that is not the channel’s address, and a message with nothing in it', () => {
    expect(failsAt(inboundMessageBody.safeParse({ channel: 'email', from: '0821234567', body: 'x' }), 'from')).toBe(
      true,
    );
    expect(failsAt(inboundMessageBody.safeParse({ channel: 'sms', from: '0821234567' }), 'body')).toBe(true);
    expect(
      failsAt(inboundMessageBody.safeParse({ channel: 'sms', from: '0821234567', body: 'x', subject: 'y' }), 'subject'),
    ).toBe(true);
  });

  it('refuses a `to` that is not the channel’s address, and takes the system’s own', () => {
    for (const [channel, from, to] of [
      ['sms', '0821234567', 'garbage!!'],
      ['email', 'ann@example.com', 'not-an-email'],
      ['facebook', '6660002', 'page'],
    ] as const)
      expect(failsAt(inboundMessageBody.safeParse({ channel, from, to, body: 'x' }), 'to')).toBe(true);
    for (const [channel, from, to] of [
      ['sms', '0821234567', '0861000100'],
      ['email', 'ann@example.com', 'support@omni.test'],
      ['facebook', '6660002', '100000000000001'],
    ] as const)
      expect(inboundMessageBody.safeParse({ channel, from, to, body: 'x' }).success).toBe(true);
  });

  it('counts the body in characters and refuses a blank or multi-line subject', () => {
    const wa = { channel: 'whatsapp', from: '0821234567' } as const;
    expect(inboundMessageBody.safeParse({ ...wa, body: '😀'.repeat(4096) }).success).toBe(true);
    expect(failsAt(inboundMessageBody.safeParse({ ...wa, body: '😀'.repeat(4097) }), 'body')).toBe(true);
    const email = { channel: 'email', from: 'ann@example.com', body: 'x' } as const;
    expect(failsAt(inboundMessageBody.safeParse({ ...email, subject: 'a\r\nb' }), 'subject')).toBe(true);
    expect(failsAt(inboundMessageBody.safeParse({ ...email, subject: ' ' }), 'subject')).toBe(true);
  });

  it('takes an email’s threading headers: in_reply_to one Message-ID, references the header’s ids', () => {
    const email = { channel: 'email', from: 'ann@example.com', body: 'x' } as const;
    const ok = inboundMessageBody.safeParse({
      ...email,
      in_reply_to: '<b@omni.test>',
      references: '<a@omni.test>\n <b@omni.test>',
    });
    expect(ok.success && ok.data.references).toBe('<a@omni.test>\n <b@omni.test>');
    // A broken token beside an id is skipped by the thread's look-up, as mail systems do; no id at all is refused.
    expect(inboundMessageBody.safeParse({ ...email, references: 'junk <a@omni.test>' }).success).toBe(true);
    for (const references of ['', 'a@omni.test', '<no-at-sign>', '<>', 'x'.repeat(20)])
      expect(failsAt(inboundMessageBody.safeParse({ ...email, references }), 'references')).toBe(true);
    expect(
      failsAt(
        inboundMessageBody.safeParse({ ...email, references: `<a@omni.test> ${'x'.repeat(10_000)}` }),
        'references',
      ),
    ).toBe(true);
  });

  it('refuses threading headers off email', () => {
    const sms = { channel: 'sms', from: '0821234567', body: 'x' } as const;
    expect(failsAt(inboundMessageBody.safeParse({ ...sms, references: '<a@omni.test>' }), 'references')).toBe(true);
    expect(failsAt(inboundMessageBody.safeParse({ ...sms, in_reply_to: '<a@omni.test>' }), 'in_reply_to')).toBe(true);
  });
});
