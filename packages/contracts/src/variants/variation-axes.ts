/**
 * The variation axes: where TForge's wiki is silent (omni-api.md Part B), each axis names the answers a real Omni
 * could plausibly give instead of the one this project chose, so an integration can be tried against all of them.
 * Every value says in one line what it does on the wire and why it is plausible (a wiki page, or the VICIdial
 * practice Omni runs on, Part C). The first value of each axis is the contracts' own shape, the default.
 *
 * The axes are data: which fields each one touches is derived from the route and notification schemas
 * (`variant-fields.ts`), how it rewrites them is `rewrite-wire.ts`; the mock applies both, the sdk undoes them.
 *
 * @module
 */

/** One plausible answer on an axis. */
export interface AxisValue<V extends string = string> {
  readonly name: V;
  /** What it does on the wire, one line. */
  readonly effect: string;
  /** Why a real Omni could answer so: the wiki page or VICIdial practice it rests on. */
  readonly plausible: string;
}

/** One axis: a named set of plausible behaviours, the first the default. */
export interface Axis<N extends string = string, V extends string = string> {
  readonly name: N;
  readonly summary: string;
  /** What the axis touches, in words (the OpenAPI document and the docs page print it). */
  readonly touches: string;
  readonly values: readonly [AxisValue<V>, ...AxisValue<V>[]];
}

function axis<const N extends string, const V extends string>(a: Axis<N, V>): Axis<N, V> {
  return a;
}

export const errorsAxis = axis({
  name: 'errors',
  summary: 'How a refused request is told apart from a success.',
  touches: 'every 4xx answer of an /omni/* route (B.2); /vicidial/* keeps its documented shape (A.7)',
  values: [
    {
      name: 'coded',
      effect: 'the status of B.2 and `{ success: false, detail, error_code }` (a 400 adds `errors`)',
      plausible: 'the contracts’ own choice (omni-api.md B.2): REST practice, status plus a machine-readable code',
    },
    {
      name: 'ok-false',
      effect:
        'HTTP 200 with `{ success: false, detail }`, plus the coded body’s `errors` (`[{ field, message }]`) where it has them (a 400, a 404 naming the field; inferred): no status, no `error_code`',
      plausible:
        'the documented command answer is `{ success, detail }` (login, page 2173829121): a command that fails may say so in the body alone, its field errors with it',
    },
    {
      name: 'status-only',
      effect: 'the status of B.2 with `{ success: false, detail }`: no `error_code`, no `errors`',
      plausible:
        'the same documented `{ success, detail }` body, with the HTTP status the archive service relies on (page 2362507280: "rely on the HTTP status")',
    },
  ],
});

export const datesAxis = axis({
  name: 'dates',
  summary: 'How the date-times Omni writes are formatted.',
  touches:
    'every date-time field of every /omni/* answer and notification but `expiry_date` (A.2 documents it as ISO-8601)',
  values: [
    {
      name: 'iso-z',
      effect: 'ISO-8601 UTC with milliseconds and `Z`: `2026-01-05T08:00:00.000Z`',
      plausible: 'the contracts’ own choice (B.1), the form the documented `expiry_date` takes (page 2158002231)',
    },
    {
      name: 'vicidial',
      effect: '`YYYY-MM-DD HH:MM:SS` in the system’s time zone: `2026-01-05 08:00:00`',
      plausible: 'Omni runs on VICIdial (Part C), whose tables and APIs write DATETIME columns in this local form',
    },
    {
      name: 'iso-offset',
      effect: 'ISO-8601 with the system’s UTC offset and milliseconds: `2026-01-05T10:00:00.000+02:00`',
      plausible:
        'the wiki names its date-times ISO-8601 (`expiry_date`, page 2158002231), which allows an offset; a server serialising local time writes one',
    },
  ],
});

export const idsAxis = axis({
  name: 'ids',
  summary: 'Whether integer ids arrive as JSON numbers or as strings.',
  touches: 'every integer id field (`*_id`) of every /omni/* answer and notification',
  values: [
    {
      name: 'integers',
      effect: 'ids as JSON numbers: `"call_id": 4021`',
      plausible: 'the wiki’s tables type the ids integer (pages 2158002231, 2177007617, 2157838444)',
    },
    {
      name: 'strings',
      effect: 'ids as decimal strings: `"call_id": "4021"`',
      plausible:
        '`GET /omni/users` already answers `user_id` as a string (page 2333081617), and campaign `caller_id` is typed integer in a table and a string in its JSON (page 2174910465)',
    },
  ],
});

export const tokensAxis = axis({
  name: 'tokens',
  summary: 'What a new authorize does to a user’s older tokens, and how long a token lives.',
  touches: '`POST /omni/user/authorize` and every route that takes `tokenKey`',
  values: [
    {
      name: 'several',
      effect: 'a user may hold several live tokens; each lives 8 h',
      plausible: 'the contracts’ own choice (B.3): a console and a CRM may be signed in as one agent',
    },
    {
      name: 'revoke-older',
      effect: 'a new authorize revokes the user’s older tokens (401 `INVALID_TOKEN` on them)',
      plausible: 'VICIdial keeps one session per agent (Part C): a new login ends the older one',
    },
    {
      name: 'short-lived',
      effect: 'tokens live 15 minutes',
      plausible: 'the wiki documents an `expiry_date` and no lifetime (page 2158002231); short-lived tokens are common',
    },
  ],
});

export const notificationsAxis = axis({
  name: 'notifications',
  summary: 'How webhook notifications are delivered.',
  touches: 'every notification delivery (A.4, B.7)',
  values: [
    {
      name: 'signed',
      effect: 'signed with `X-Omni-Signature` when a secret is set; retried; a call’s notifications in order',
      plausible: 'the contracts’ own choice (B.7)',
    },
    {
      name: 'unsigned',
      effect: 'never an `X-Omni-Signature`, even with a secret set',
      plausible: 'the wiki documents no signature at all (pages 2157838444, 2164523009)',
    },
    {
      name: 'twice',
      effect: 'every notification is delivered twice (the same `X-Omni-Notification-Id`)',
      plausible:
        'the wiki documents a plain callback and no delivery guarantee (page 2157838444): a sender that retries after a lost acknowledgement repeats one',
    },
    {
      name: 'swapped',
      effect: 'two consecutive notifications of a call are delivered in swapped order',
      plausible: 'the wiki promises no order (page 2157838444); parallel senders reorder',
    },
    {
      name: 'at-most-once',
      effect: 'no retry: a notification whose first attempt fails is dropped (dead-lettered)',
      plausible: 'the wiki documents no retry (page 2157838444): a plain HTTP callback may be fire-and-forget',
    },
  ],
});

export const extrasAxis = axis({
  name: 'extras',
  summary: 'Whether answers carry fields the contracts do not list.',
  touches: 'every object of every /omni/* answer and every notification payload',
  values: [
    {
      name: 'exact',
      effect: 'answers exactly as the contracts say',
      plausible: 'the contracts’ own shapes: the fields the wiki lists (Part A) and this project’s choices (Part B)',
    },
    {
      name: 'extra-fields',
      effect: 'every object carries unknown extra fields (`server_node`, `api_version`, …)',
      plausible:
        'the wiki lists fields in tables, not closed schemas, and its JSON already strays from them (campaign `caller_id`, page 2174910465); servers add fields over versions',
    },
  ],
});

/** Every axis, in the order they are printed and drawn. */
export const VARIATION_AXES = [errorsAxis, datesAxis, idsAxis, tokensAxis, notificationsAxis, extrasAxis] as const;

type AxisList = typeof VARIATION_AXES;
export type AxisName = AxisList[number]['name'];
type ValuesOf<A> = A extends Axis<string, infer V> ? V : never;

/** One value per axis: the behaviour of one plausible Omni. */
export type Variation = { readonly [A in AxisList[number] as A['name']]: ValuesOf<A> };
