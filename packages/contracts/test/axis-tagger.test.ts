import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tagAxes } from '../src/axis-tagger.js';
import { controlOpenApiDocument } from '../src/control/index.js';
import { omniOpenApiDocument } from '../src/index.js';
import { VARIATION_AXES } from '../src/variants/index.js';

/**
 * The Omni OpenAPI document names the variation axes: the list (`x-omni-variation-axes`, a section of
 * `info.description`) and, on each response, webhook and property, the axes that rewrite it (`x-omni-axes`).
 */
type Json = Record<string, unknown>;

const doc = omniOpenApiDocument() as unknown as Json & {
  info: { description: string };
  paths: Record<string, Record<string, Json & { responses: Record<string, Json> }>>;
  components: { schemas: Record<string, Json & { properties?: Record<string, Json> }> };
  webhooks: Record<string, { post: Json }>;
};

const props = (component: string) => doc.components.schemas[component]?.properties ?? {};
const axesOf = (node: Json | undefined) => node?.['x-omni-axes'];

describe('the list of axes', () => {
  it('x-omni-variation-axes: every axis and value, the first the default, with effect and plausibility', () => {
    const list = doc['x-omni-variation-axes'] as {
      name: string;
      values: { name: string; default: boolean; effect: string; plausible: string }[];
    }[];
    expect(list.map((a) => a.name)).toEqual(['errors', 'dates', 'ids', 'tokens', 'notifications', 'extras']);
    expect(list[0]?.values.map((v) => [v.name, v.default])).toEqual([
      ['coded', true],
      ['ok-false', false],
      ['status-only', false],
    ]);
    expect(list[0]?.values[1]).toEqual({
      name: 'ok-false',
      default: false,
      effect:
        'HTTP 200 with `{ success: false, detail }`, plus the coded body’s `errors` (`[{ field, message }]`) where it has them (a 400, a 404 naming the field; inferred): no status, no `error_code`',
      plausible:
        'the documented command answer is `{ success, detail }` (login, page 2173829121): a command that fails may say so in the body alone, its field errors with it',
    });
  });

  it('info.description has a section with every value, its effect and plausibility', () => {
    const text = doc.info.description;
    expect(text).toContain('## Every plausible Omni: the variation axes');
    for (const axis of VARIATION_AXES) {
      expect(text).toContain(`### \`${axis.name}\``);
      for (const v of axis.values) expect(text).toContain(`| ${v.effect} | ${v.plausible} |`);
    }
    expect(text).toContain('| `vicidial` | `YYYY-MM-DD HH:MM:SS` in the system’s time zone: `2026-01-05 08:00:00` |');
  });
});

describe('x-omni-axes on what each axis rewrites', () => {
  it('a call: dates on its date-times, ids on its ids, nothing on its other fields', () => {
    const call = props('Call');
    expect(axesOf(call.call_start_time)).toEqual(['dates']);
    expect(axesOf(call.answer_time)).toEqual(['dates']);
    expect(axesOf(call.call_id)).toEqual(['ids']);
    expect(axesOf(call.lead_id)).toEqual(['ids']);
    expect(axesOf(call.call_type)).toBeUndefined();
    expect(axesOf(call.phone_number)).toBeUndefined();
  });

  it('authorize: user_id is an id; expiry_date, documented as ISO-8601, is on no axis', () => {
    expect(axesOf(props('UserToken').user_id)).toEqual(['ids']);
    expect(axesOf(props('UserToken').expiry_date)).toBeUndefined();
  });

  it('GET /omni/users: user_id is already a string, on no axis', () => {
    const list = doc.components.schemas.UserList as Json & { properties: { users: { items: Json } } };
    const item = list.properties.users.items as Json & { properties: Record<string, Json> };
    expect(axesOf(item.properties.user_id)).toBeUndefined();
  });

  it('every 200 and error answer of an Omni route names its axes (errors on a 4xx only); the archive service’s none', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const axes = axesOf(response) as string[] | undefined;
          if (path.startsWith('/vicidial/')) expect(axes, `${path} ${status}`).toBeUndefined();
          else if (status === '200' && 'content' in response && !JSON.stringify(response).includes('audio/wav'))
            expect(axes, `${path} ${status}`).toContain('extras');
          // A 5xx keeps its status and code under every `errors` form: only `extras` touches it.
          else if (Number(status) >= 500) expect(axes, `${path} ${status}`).toEqual(['extras']);
          else if (Number(status) >= 400) expect(axes, `${path} ${status}`).toEqual(['errors', 'extras']);
        }
      }
    }
    expect(axesOf(doc.paths['/omni/voice/{user_id}/call/{call_id}']?.get?.responses['200'])).toEqual([
      'dates',
      'ids',
      'extras',
    ]);
  });

  it('operations that take a user token and authorize name tokens', () => {
    expect(axesOf(doc.paths['/omni/user/authorize']?.post)).toEqual(['tokens']);
    expect(axesOf(doc.paths['/omni/campaign/{campaign_id}']?.get)).toEqual(['tokens']);
    expect(axesOf(doc.paths['/vicidial/leads/archive']?.post)).toBeUndefined();
  });

  it('every webhook names notifications and extras, and its payload’s dates and ids', () => {
    expect(axesOf(doc.webhooks.cdr?.post)).toEqual(['dates', 'ids', 'notifications', 'extras']);
    expect(axesOf(props('CdrPayload').start_date_time)).toEqual(['dates']);
    expect(axesOf(props('CdrPayload').user_id)).toEqual(['ids']);
    expect(axesOf(props('CdrPayload').sip_code)).toBeUndefined();
    for (const hook of Object.values(doc.webhooks)) expect(axesOf(hook.post)).toContain('notifications');
  });

  it('the control API’s document names no axis: it is never varied', () => {
    expect(JSON.stringify(controlOpenApiDocument())).not.toContain('x-omni-axes');
  });

  it('a field the generated JSON Schema lacks is an error, not a silent gap', () => {
    const schema = z.object({ call_id: z.number().int() });
    expect(() => tagAxes(schema, { type: 'object', properties: {} }, {}, 'here')).toThrow(
      'here: the ids field call_id is not in the generated JSON Schema',
    );
  });
});
