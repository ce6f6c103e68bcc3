import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractCheck } from '../../src/contract-suite/contract-checks.js';
import { Differs } from '../../src/contract-suite/contract-context.js';
import { formatContractTable, runContractSuite } from '../../src/contract-suite/run-contract-suite.js';
import { createInprocTarget } from '../../src/target/mock-target.js';
import type { Target } from '../../src/target/target.js';

describe('the contract suite on the in-process mock', () => {
  let target: Target;
  beforeAll(async () => {
    target = await createInprocTarget();
  });
  afterAll(() => target.close());

  it('every documented route and notification matches', async () => {
    const report = await runContractSuite(target);
    console.log(formatContractTable(report));
    expect(report.subjects.filter((s) => s.status !== 'matches')).toEqual([]);
    expect(report.subjects.map((s) => s.subject)).toEqual(
      expect.arrayContaining([
        'POST /omni/user/authorize',
        'POST /vicidial/leads/archive',
        'notification cdr',
        'notification inbound',
      ]),
    );
  });

  it('stops between checks when interrupted (Ctrl-C): the rest are not run', async () => {
    const stop = new AbortController();
    const report = await runContractSuite(target, {
      onProgress: (line) => {
        if (line.startsWith('[3/')) stop.abort();
      },
      signal: stop.signal,
    });
    const checks = report.subjects.flatMap((s) => s.checks);
    expect(checks.slice(0, 3).map((c) => c.status)).toEqual(['matches', 'matches', 'matches']);
    expect(checks.slice(3).every((c) => c.status === 'not run' && c.detail === 'the run was interrupted')).toBe(true);
    expect(checks.length).toBeGreaterThan(10);
  });

  it('the archive rows catch a target that wants a tokenKey there, paraphrases the messages or lacks the older paths', async () => {
    // The archive service as the mock served it before A.7 was transcribed to the letter.
    const older: Target = {
      ...target,
      async open(o) {
        const sys = await target.open(o);
        const fetch = async (request: Request) => {
          const path = new URL(request.url).pathname;
          if (!path.startsWith('/vicidial/')) return sys.fetch(request);
          if (path.startsWith('/vicidial/lead/'))
            return Response.json(
              { success: false, detail: 'no route', error_code: 'ROUTE_NOT_FOUND' },
              { status: 404 },
            );
          if (!request.headers.get('tokenKey'))
            return Response.json({ message: 'send a user token', http_code: 401 }, { status: 401 });
          const res = await sys.fetch(request);
          const body = (await res.json()) as Record<string, unknown>;
          return Response.json({ ...body, message: `Lead batch: ${String(body.message)}` }, { status: res.status });
        };
        return { ...sys, fetch };
      },
    };
    const report = await runContractSuite(older);
    const bySubject = Object.fromEntries(report.subjects.map((s) => [s.subject, s]));
    const failed = (subject: string) =>
      (bySubject[subject]?.checks ?? []).filter((c) => c.status === 'differs').map((c) => c.detail);
    expect(failed('POST /vicidial/leads/archive')).toEqual(
      expect.arrayContaining([
        expect.stringContaining('archive [0, 1]: expected 200, got 401'),
        expect.stringContaining(
          'a wrong system key: message "send a user token", documented "unable to validate api user"',
        ),
      ]),
    );
    expect(failed('POST /vicidial/leads/dearchive')).toEqual(
      expect.arrayContaining([expect.stringContaining('expected 200, got 401')]),
    );
    expect(bySubject['POST /vicidial/lead/archive/']?.status).toBe('differs');
    expect(bySubject['POST /vicidial/lead/dearchive']?.status).toBe('differs');
    expect(bySubject['POST /vicidial/… (an unknown path)']?.status).toBe('differs');
    expect(bySubject['POST /omni/user/authorize']?.status).toBe('matches');
  });

  it('reports differs, and how, when the target strays from the documentation', async () => {
    // A target that answers user ids as integers and puts a wrong http_code in archive answers.
    const straying: Target = {
      ...target,
      async open(o) {
        const sys = await target.open(o);
        const fetch = async (request: Request) => {
          const res = await sys.fetch(request);
          const path = new URL(request.url).pathname;
          if (path === '/omni/users' && res.status === 200) {
            const body = (await res.json()) as { users: { user_id: string; user_name: string }[] };
            return Response.json({ users: body.users.map((u) => ({ ...u, user_id: Number(u.user_id) })) });
          }
          if (path === '/vicidial/leads/archive') {
            const body = (await res.json()) as Record<string, unknown>;
            return Response.json({ ...body, http_code: 200 }, { status: res.status });
          }
          return res;
        };
        return { ...sys, fetch };
      },
    };
    const report = await runContractSuite(straying);
    const bySubject = Object.fromEntries(report.subjects.map((s) => [s.subject, s]));
    expect(bySubject['GET /omni/users']).toMatchObject({
      status: 'differs',
      detail: expect.stringContaining('user_id should be a string, got 1'),
    });
    expect(bySubject['POST /vicidial/leads/archive']).toMatchObject({
      status: 'differs',
      detail: expect.stringMatching(/HTTP status (403|400) but http_code 200/),
    });
    expect(bySubject['POST /omni/user/authorize']?.status).toBe('matches');
    expect(report.counts.differs).toBe(2);
    expect(formatContractTable(report)).toContain('| `GET /omni/users` | differs (');
  });

  it('a check that needs messaging is not run, never failed, on a target without it (a real Omni)', async () => {
    const ran: string[] = [];
    const messagingCheck: ContractCheck = {
      subject: 'POST /omni/messaging/…',
      source: 'B.12',
      fact: 'a messaging route answers',
      needs: 'messaging',
      async run(ctx) {
        ran.push(ctx.system.baseUrl);
        throw new Differs('the check ran');
      },
    };
    const withoutMessaging: Target = {
      ...target,
      async open(o) {
        const sys = await target.open(o);
        return { ...sys, capabilities: { ...sys.capabilities, messaging: false } };
      },
    };
    const skipped = await runContractSuite(withoutMessaging, { checks: [messagingCheck] });
    expect(skipped.subjects).toEqual([
      {
        subject: 'POST /omni/messaging/…',
        status: 'not run',
        detail: 'not published by TForge',
        checks: [expect.objectContaining({ status: 'not run', detail: 'not published by TForge' })],
      },
    ]);
    expect(skipped.counts).toEqual({ matches: 0, differs: 0, notRun: 1 });
    expect(ran).toEqual([]);
    expect(formatContractTable(skipped)).toContain('| `POST /omni/messaging/…` | not run (not published by TForge) |');
    // On the mock the same check runs (and here reports what it found).
    const mockReport = await runContractSuite(target, { checks: [messagingCheck] });
    expect(ran).toHaveLength(1);
    expect(mockReport.subjects[0]).toMatchObject({
      status: 'differs',
      detail: 'a messaging route answers: the check ran',
    });
  });
});
