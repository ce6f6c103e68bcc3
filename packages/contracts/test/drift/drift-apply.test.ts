import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/drift/contract-source.js';
import { formatDriftApply, planDriftChanges } from '../../src/drift/drift-apply.js';
import {
  checkExchange,
  type DriftReport,
  emptyDriftReport,
  foldFindings,
  type RecordingLine,
} from '../../src/drift/index.js';
import { callStartedBody, notificationLine, restLine } from '../support/exchange-line.js';

/**
 * A small copy of the contracts' source, in their form, so the expected diffs do not move when
 * the real files do (the last test runs on the real files).
 */
const FIXTURE: SourceFile[] = [
  {
    path: 'packages/contracts/src/enums.ts',
    text: `import { z } from 'zod';

/** Customer-call states (B.5). */
export const CALL_STATES = [
  'initiated',
  'ringing',
  'answered',
  'on_hold',
  'ended',
] as const;
export const callState = z.enum(CALL_STATES);
`,
  },
  {
    path: 'packages/contracts/src/routes/calls.ts',
    text: `import { z } from 'zod';
import { dateTimeOut, id, idOrZero } from '../common.js';
import { agentLegState, callDirection, callState, callType, recordingState } from '../enums.js';

/** A call as GET shows it (B.5). */
export const callView = z
  .object({
    call_id: id,
    phone_number: z.string(),
    call_state: callState,
    call_direction: callDirection,
    call_type: callType,
    campaign_id: idOrZero,
    lead_id: idOrZero,
    unique_id: z
      .string()
      .meta({ description: 'The reference.' }),
    agent_leg_state: agentLegState,
    recording_state: recordingState,
    call_start_time: dateTimeOut,
    answer_time: dateTimeOut.nullable(),
    end_time: dateTimeOut.nullable(),
  })
  .meta({ id: 'Call' });
`,
  },
  {
    path: 'packages/contracts/src/notifications.ts',
    text: `import { z } from 'zod';

export const callStatePayload = z
  .object({
    call_id: id,
    user_id: idOrZero,
    campaign_id: idOrZero,
    lead_id: idOrZero,
    phone_number: z.string(),
    call_direction: callDirection,
    call_type: callType,
    unique_id: z.string(),
    call_state: callState,
    previous_state: z.union([callState, z.literal('')]),
    sip_code: z.number().int(),
    shotgun_id: idOrZero,
    timestamp: dateTimeOut,
  })
  .meta({ id: 'CallStatePayload', ...source('inferred') });
`,
  },
];

const call = {
  call_id: 17,
  phone_number: '0800555001',
  call_state: 'ringing',
  call_direction: 'outbound',
  call_type: 1,
  campaign_id: 1,
  lead_id: 0,
  unique_id: 'crm-1',
  agent_leg_state: 'connected',
  recording_state: 'off',
  call_start_time: '2026-01-05T08:00:00.000Z',
  answer_time: null,
  end_time: null,
};

const callState = {
  type: 'call_state',
  payload: {
    call_id: 17,
    user_id: 3,
    campaign_id: 1,
    lead_id: 0,
    phone_number: '0800555001',
    call_direction: 'outbound',
    call_type: 1,
    unique_id: 'crm-1',
    call_state: 'ringing',
    previous_state: 'initiated',
    sip_code: 180,
    shotgun_id: 0,
    timestamp: '2026-01-05T08:00:01.000Z',
  },
};

/** What a proxy would write after these exchanges, one difference each (the call fetched twice as a string). */
function reportOf(): DriftReport {
  const { recording_state: _state, ...noRecordingState } = call;
  const { agent_leg_state: legState, ...renamedLeg } = call;
  const { unique_id: _unique, ...noUniqueId } = call;
  const lines: RecordingLine[] = [
    restLine('GET', '/omni/voice/3/call/17', 200, { ...call, call_id: '17' }),
    restLine('GET', '/omni/voice/3/call/17', 200, { ...call, call_id: '17' }),
    restLine('GET', '/omni/voice/3/call/17', 200, { ...call, phone_number: null }),
    restLine('GET', '/omni/voice/3/call/17', 200, noRecordingState),
    restLine('GET', '/omni/voice/3/call/17', 200, { ...renamedLeg, agentLegState: legState }),
    restLine('GET', '/omni/voice/3/call/17', 200, { ...call, queue_name: 'sales' }),
    restLine('GET', '/omni/voice/3/call/17', 200, { ...call, call_state: 'parked' }),
    restLine('GET', '/omni/voice/3/call/17', 200, noUniqueId),
    restLine('POST', '/omni/voice/3/call', 200, { ...callStartedBody, call_state: 'queued' }),
    restLine('POST', '/omni/voice/3/call/17/hold', 200, { success: false, detail: 'the call is not answered' }),
    restLine('POST', '/omni/voice/3/call/17/retrieve', 202, { success: true, detail: 'queued' }),
    restLine('GET', '/omni/queues/3', 200, { queue_id: 3 }),
    notificationLine({ ...callState, payload: { ...callState.payload, queue_name: 'sales' } }),
    notificationLine(callState, {}),
    notificationLine({ type: 'queue_update', payload: { queue_id: 3 } }),
  ];
  const missingTimestamp = lines[13] as RecordingLine;
  const { 'x-omni-timestamp': _ts, ...headers } = missingTimestamp.request.headers;
  lines[13] = { ...missingTimestamp, request: { ...missingTimestamp.request, headers } };
  let report = emptyDriftReport('https://omni.example', '2026-01-05T08:00:00.000Z');
  lines.forEach((line, i) => {
    report = foldFindings(report, checkExchange(line), i + 1, '2026-01-05T09:00:00.000Z').report;
  });
  return report;
}

const EXPECTED = String.raw`drift-apply: report.json (target https://omni.example, 2026-01-05T08:00:00.000Z to 2026-01-05T09:00:00.000Z)
drift: 1 documented, 13 inferred

Inferred (13): each a change that makes the contracts match what was seen, diffed on top of the ones before it: git apply this output whole, review the result (git diff), keep what you accept.

[1] getCall GET /omni/voice/{user_id}/call/{call_id}: response.200.body.call_id
    type: expected integer, seen string; 2 exchanges, first at seq 1; example: "17"
--- a/packages/contracts/src/routes/calls.ts
+++ b/packages/contracts/src/routes/calls.ts
@@ -5,7 +5,7 @@
 /** A call as GET shows it (B.5). */
 export const callView = z
   .object({
-    call_id: id,
+    call_id: z.union([id, z.string().regex(/^\d+$/)]),
     phone_number: z.string(),
     call_state: callState,
     call_direction: callDirection,

[2] getCall GET /omni/voice/{user_id}/call/{call_id}: response.200.body.phone_number
    type: expected string, seen null; 1 exchange, first at seq 3; example: null
--- a/packages/contracts/src/routes/calls.ts
+++ b/packages/contracts/src/routes/calls.ts
@@ -6,7 +6,7 @@
 export const callView = z
   .object({
     call_id: z.union([id, z.string().regex(/^\d+$/)]),
-    phone_number: z.string(),
+    phone_number: z.string().nullable(),
     call_state: callState,
     call_direction: callDirection,
     call_type: callType,

[3] getCall GET /omni/voice/{user_id}/call/{call_id}: response.200.body.recording_state
    missing: expected present (one of "off", "recording", "paused", "stopped"), seen absent; 1 exchange, first at seq 4; example: null
--- a/packages/contracts/src/routes/calls.ts
+++ b/packages/contracts/src/routes/calls.ts
@@ -16,7 +16,7 @@
       .string()
       .meta({ description: 'The reference.' }),
     agent_leg_state: agentLegState,
-    recording_state: recordingState,
+    recording_state: recordingState.optional(),
     call_start_time: dateTimeOut,
     answer_time: dateTimeOut.nullable(),
     end_time: dateTimeOut.nullable(),

[4] getCall GET /omni/voice/{user_id}/call/{call_id}: response.200.body.agent_leg_state
    missing: expected present (one of "none", "connected", "on_hold", "ended"), seen absent; "agentLegState" instead; 1 exchange, first at seq 5; example: "connected"
--- a/packages/contracts/src/routes/calls.ts
+++ b/packages/contracts/src/routes/calls.ts
@@ -15,7 +15,7 @@
     unique_id: z
       .string()
       .meta({ description: 'The reference.' }),
-    agent_leg_state: agentLegState,
+    agentLegState: agentLegState,
     recording_state: recordingState.optional(),
     call_start_time: dateTimeOut,
     answer_time: dateTimeOut.nullable(),

[5] getCall GET /omni/voice/{user_id}/call/{call_id}: response.200.body.queue_name
    extra: expected absent, seen string; 1 exchange, first at seq 6; example: "sales"
--- a/packages/contracts/src/routes/calls.ts
+++ b/packages/contracts/src/routes/calls.ts
@@ -20,5 +20,6 @@
     call_start_time: dateTimeOut,
     answer_time: dateTimeOut.nullable(),
     end_time: dateTimeOut.nullable(),
+    queue_name: z.string().optional(),
   })
   .meta({ id: 'Call' });

[6] getCall GET /omni/voice/{user_id}/call/{call_id}: response.200.body.call_state
    enum: expected one of "initiated", "ringing", "answered", "on_hold", "ended", seen "parked"; 1 exchange, first at seq 7; example: "parked"
--- a/packages/contracts/src/enums.ts
+++ b/packages/contracts/src/enums.ts
@@ -7,5 +7,6 @@
   'answered',
   'on_hold',
   'ended',
+  'parked',
 ] as const;
 export const callState = z.enum(CALL_STATES);

[7] getCall GET /omni/voice/{user_id}/call/{call_id}: response.200.body.unique_id
    missing: expected present (string), seen absent; 1 exchange, first at seq 8; example: null
    instruction: Change field "unique_id" of schema Call (line 15 of packages/contracts/src/routes/calls.ts: written over several lines): make it optional (.optional()).

[8] holdCall POST /omni/voice/{user_id}/call/{call_id}/hold: response.200.body.success
    status: expected a failure answered with a 4xx/5xx status (B.2), seen 200 with success: false; 1 exchange, first at seq 10; example: {"success":false,"detail":"the call is not answered"}
    instruction: holdCall POST /omni/voice/{user_id}/call/{call_id}/hold answered 200 with success: false: Omni reports this failure in a 2xx body, not by status (B.2 infers 4xx/5xx). Review B.2 and the errors variant ok-false; no route object changes alone.

[9] retrieveCall POST /omni/voice/{user_id}/call/{call_id}/retrieve: response.status
    status: expected 200, 400, 401, 403, 404, 409, 413, 429, 500, 503, seen 202; 1 exchange, first at seq 11; example: {"success":true,"detail":"queued"}
    instruction: retrieveCall POST /omni/voice/{user_id}/call/{call_id}/retrieve answered 202, a status its route does not list (200, 400, 401, 403, 404, 409, 413, 429, 500, 503): add a 202 response to the route's responses (and the error code to its errors, for a 4xx), with the body seen as its schema.

[10] notification call_state: notification.call_state.payload.queue_name
    extra: expected absent, seen string; 1 exchange, first at seq 13; example: "sales"
--- a/packages/contracts/src/notifications.ts
+++ b/packages/contracts/src/notifications.ts
@@ -15,5 +15,6 @@
     sip_code: z.number().int(),
     shotgun_id: idOrZero,
     timestamp: dateTimeOut,
+    queue_name: z.string().optional(),
   })
   .meta({ id: 'CallStatePayload', ...source('inferred') });

[11] notification call_state: notification.headers.x-omni-timestamp
    missing: expected present (B.7), seen absent; 1 exchange, first at seq 14; example: null
    instruction: notification call_state notification.headers.x-omni-timestamp: expected present (B.7), seen absent: the contracts infer it (B.7); drop or relax the requirement in omni-api.md Part B and in what checks it.

[12] unknown route: GET /omni/queues/{n}
    unknown-route: expected a route of the contracts, seen answered 200; 1 exchange, first at seq 12; example: "/omni/queues/3"
    instruction: No route of the contracts is GET /omni/queues/{n} (seen once, answering 200; e.g. /omni/queues/3): add a defineRoute({ id, method: 'GET', path: '/omni/queues/{n}', source: 'inferred', … }) to the group's file in packages/contracts/src/routes/ and to routes/index.ts, its path parameters named.

[13] unknown notification type: notification queue_update
    unknown-route: expected one of "cdr", "inbound", "call_state", "agent_state", "recording", "shotgun_result", "message_received", "message_status", "conversation_assigned", "conversation_window", "conversation_end", seen "queue_update"; 1 exchange, first at seq 15; example: {"type":"queue_update","payload":{"queue_id":3}}
    instruction: No notification type "queue_update" in the contracts (seen once): add its payload schema, tagged inferred, and its envelope to packages/contracts/src/notifications.ts.

Documented (1): for a person to judge (OmniKit or TForge's wiki is wrong); never turned into a diff.

[1] makeCall POST /omni/voice/{user_id}/call: response.200.body.call_state
    enum: expected one of "initiated", "ringing", "answered", "on_hold", "ended", seen "queued"; 1 exchange, first at seq 9; example: "queued"
`;

describe('drift-apply', () => {
  it('prints a diff or an instruction for each inferred difference, and lists the documented ones', () => {
    const report = reportOf();
    const text = formatDriftApply(report, planDriftChanges(report, FIXTURE), 'report.json');
    expect(text).toBe(EXPECTED);
  });
});

/** The contracts' real source, as the bin reads it. */
function realSources(): SourceFile[] {
  const src = new URL('../../src/', import.meta.url);
  return ['', 'routes/'].flatMap((sub) =>
    readdirSync(new URL(sub, src))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => ({
        path: `packages/contracts/src/${sub}${name}`,
        text: readFileSync(new URL(`${sub}${name}`, src), 'utf8'),
      })),
  );
}

describe('drift-apply on the real contracts', () => {
  it('turns a string call_id into a union on the line of Call that declares it', () => {
    const report = reportOf();
    const entries = planDriftChanges(report, realSources());
    const first = entries.find((e) => e.owner.startsWith('getCall ') && e.finding.location.endsWith('.call_id'));
    const diff = first?.change && 'diff' in first.change ? first.change.diff : '';
    expect(diff.split('\n').slice(0, 2)).toEqual([
      '--- a/packages/contracts/src/routes/calls.ts',
      '+++ b/packages/contracts/src/routes/calls.ts',
    ]);
    expect(diff.split('\n').filter((l) => /^[-+] /.test(l))).toEqual([
      '-    call_id: id,',
      '+    call_id: z.union([id, z.string().regex(/^\\d+$/)]),',
    ]);
  });

  it('prints diffs that git apply takes whole, in one go, however close their lines are', () => {
    const sources = realSources();
    const report = reportOf();
    const entries = planDriftChanges(report, sources);
    // Several fields of Call side by side: each diff's context holds the lines the ones before it change.
    expect(
      entries.filter((e) => e.change && 'diff' in e.change && e.owner.startsWith('getCall ')).length,
    ).toBeGreaterThan(4);
    const dir = mkdtempSync(join(tmpdir(), 'drift-apply-git-'));
    try {
      for (const file of sources) {
        const path = join(dir, file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
      }
      writeFileSync(join(dir, 'out.txt'), formatDriftApply(report, entries, 'report.json'));
      execFileSync('git', ['apply', 'out.txt'], { cwd: dir, stdio: 'pipe' });
      const calls = readFileSync(join(dir, 'packages/contracts/src/routes/calls.ts'), 'utf8');
      for (const line of [
        '    call_id: z.union([id, z.string().regex(/^\\d+$/)]),',
        '    phone_number: z.string().nullable(),',
        '    recording_state: recordingState.optional(),',
      ])
        expect(calls).toContain(line);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('locates every field change it diffs: its old lines are in the file it names, as the diffs before it left it', () => {
    const sources = realSources();
    const report = reportOf();
    const texts = new Map(sources.map((f) => [f.path, f.text.split('\n')]));
    let diffs = 0;
    for (const entry of planDriftChanges(report, sources)) {
      if (!entry.change || !('diff' in entry.change)) continue;
      diffs++;
      const [from, , hunk, ...body] = entry.change.diff.split('\n');
      const lines = texts.get(from?.replace(/^--- a\//, '') ?? '');
      const start = Number(/^@@ -(\d+),/.exec(hunk ?? '')?.[1]);
      const old = body.filter((l) => !l.startsWith('+')).map((l) => l.slice(1));
      expect(lines?.slice(start - 1, start - 1 + old.length)).toEqual(old);
      lines?.splice(start - 1, old.length, ...body.filter((l) => !l.startsWith('-')).map((l) => l.slice(1)));
    }
    expect(diffs).toBeGreaterThan(4);
  });
});
