/**
 * `docs/variants.md`, written from `VARIATION_AXES` (`@omnikit/contracts/variants`) so the page cannot fall behind the
 * axes: `npm run docs:variants` writes it, and a test fails while the file differs from what this renders.
 *
 * @module
 */

import { variationAxesMarkdown } from '@omnikit/contracts/variants';

const INTRO = `<!-- Written by \`npm run docs:variants -w @omnikit/mock-omni\` from VARIATION_AXES (@omnikit/contracts/variants): edit those, not this file. -->

# Every plausible Omni: the variation axes

Thirty of Omni's routes, every error body, the notification signing and most date formats are OmniKit's choice
where TForge's wiki is silent (omni-api.md Part B), not TForge's. A CRM built against one choice breaks when the
real Omni made another. Each **axis** below names the plausible answers a real Omni could give instead; the mock
plays any combination of them, one value per axis, so an integration can be tried against all of them.

## Choosing a variation

- For the whole mock: \`omni-mock --vary errors=ok-false,dates=vicidial\` (one value per axis, the axes not named
  at their defaults), \`--vary random --seed 7\` (a combination drawn from the seed and printed at start), or
  \`--vary default\`. In code: \`createMockOmni({ vary: 'errors=ok-false' })\` or \`startMockOmni({ vary })\`.
- Per system, so one mock serves a matrix of systems at once: \`POST /__mock/systems\` with
  \`{ "vary": "ids=strings" }\` (\`random\` draws from the new system's seed), and
  \`PUT /__mock/system/variation\` with \`{ "vary": "errors=ok-false" }\` or \`{ "vary": "random", "seed": 7 }\`;
  \`GET /__mock/system/variation\` answers \`{ vary, variation, own }\` (every axis and its value; \`own\` is false
  while the system follows the mock's \`--vary\`). A system's own variation is stored with it: a restart and a reset
  keep it. A bad text is a 400 \`VALIDATION_FAILED\` naming the axis or value, or the empty item of a leading,
  trailing or doubled comma. A stored text this mock does not understand (a newer OmniKit's axis or value, a hand
  edit) is kept but ignored: the system follows the mock's \`--vary\`, and the mock says so once at start and in
  \`ignored\` of \`GET /__mock/system/variation\`, until a variation is set again.
- \`--strict\` combines with \`--vary\`: the mock checks each answer against the contract in the contracts' own
  shape, then sends it in the variant.

## What is varied, and what never is (inferred)

- \`errors\` rewrites every 4xx answer of an \`/omni/*\` route once the system is known; a 429 keeps its
  \`Retry-After\` header in every form (a 200 included). A 5xx is never rewritten.
- \`dates\` rewrites every date-time of an \`/omni/*\` answer but \`expiry_date\` (A.2 documents it as ISO-8601), in
  the time zone of the system's office hours (\`PUT /__mock/office-hours\`, \`time_zone\`), with the offset of each
  instant: a date in July and one in January of the same zone may carry different offsets.
- \`ids\` turns every integer id field (\`*_id\`, and the items of \`*_ids\`) into a decimal string.
- \`extras\` adds unknown fields to every object of every answer, error bodies included (a server that adds fields
  adds them everywhere), and to every notification payload.
- Never varied: answers given before the system is known (a missing or unknown system key, an unknown route, a
  request the HTTP parser refuses) are in the contracts' own shape, whatever the mock plays; the archive service
  (\`/vicidial/*\`) keeps its documented shape; the control API (\`/__mock/*\`), \`/health\` and the docs are the
  mock's own; a recording (\`GET /omni/recording/{file}\`) is a WAV file.
- The OpenAPI document (\`/openapi.json\`) marks each property, response and webhook an axis rewrites with
  \`x-omni-axes\`, and lists the axes in \`x-omni-variation-axes\`.

## The axes

The first value of each axis is the contracts' own shape, the default.
`;

/** The page as `npm run docs:variants` writes it. */
export function renderVariantsDoc(): string {
  return `${INTRO}\n${variationAxesMarkdown(3)}\n`;
}
