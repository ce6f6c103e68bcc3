import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordingLine } from '@omnikit/contracts/drift';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftTracker } from '../../src/proxy/drift-tracker.js';
import { until } from '../support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-drift-tracker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const users = (userId: unknown): RecordingLine => ({
  v: 1,
  seq: 1,
  at: '2026-01-05T08:00:00.000Z',
  kind: 'rest',
  route_id: 'listUsers',
  request: { method: 'GET', path: '/omni/users', query: {}, headers: {} },
  response: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { users: [{ user_id: userId as string, user_name: 'a|b' }] },
  },
  duration_ms: 1,
});

describe('DriftTracker', () => {
  it('leaves the mock’s own control API out of the report: a real Omni has none', () => {
    const said: string[] = [];
    const tracker = new DriftTracker({ target: 'http://mock', now: () => new Date(0), say: (l) => said.push(l) });
    const control = (path: string): RecordingLine => ({
      ...users(1),
      route_id: null,
      request: { method: 'GET', path, query: {}, headers: {} },
    });
    for (const path of ['/__mock/system', '/__mock/clock', '/health'])
      expect(tracker.observe(control(path))).toEqual([]);
    expect(tracker.report.summary.exchanges).toBe(0);
    expect(tracker.report.unknown_routes).toEqual([]);
    // The same exchange on a path that is not the control API is an unknown route.
    expect(tracker.observe(control('/__mocks/system')).map((f) => f.kind)).toEqual(['unknown-route']);
    expect(said).toHaveLength(1);
    tracker.close();
  });

  it('writes the report at start, shortly after a change, and at the end', async () => {
    const path = join(dir, 'drift.json');
    const said: string[] = [];
    let now = Date.parse('2026-01-05T08:00:00.000Z');
    const tracker = new DriftTracker({
      target: 'http://omni',
      reportPath: path,
      now: () => new Date(now),
      say: (l) => said.push(l),
      debounceMs: 20,
    });
    // Made, it writes nothing yet: the proxy writes the report at start once it listens.
    expect(existsSync(path)).toBe(false);
    tracker.flush();
    const read = () => JSON.parse(readFileSync(path, 'utf8'));
    expect(read().summary.exchanges).toBe(0);
    tracker.observe(users('1'));
    tracker.observe(users(1));
    // user_id is a string on GET /omni/users (A.3): an integer is the difference here.
    expect(said).toEqual([
      'drift: documented listUsers response.200.body.users[].user_id: type, expected string, seen integer',
    ]);
    expect(read().summary.exchanges).toBe(0);
    await until('the debounced write', () => read().summary.exchanges === 2);
    now += 60_000;
    tracker.close();
    expect(read()).toMatchObject({ ended_at: '2026-01-05T08:01:00.000Z', summary: { documented: 1 } });
  });

  it('renders Markdown when the file ends .md, escaping table cells', () => {
    const path = join(dir, 'drift.md');
    const tracker = new DriftTracker({
      target: 'http://omni',
      reportPath: path,
      now: () => new Date(0),
      say: () => {},
    });
    tracker.observe(users(7));
    tracker.close();
    const md = readFileSync(path, 'utf8');
    expect(md).toContain('**drift: 1 documented, 0 inferred**');
    expect(md).toContain(
      '| listUsers (GET /omni/users) | `response.200.body.users[].user_id` | type | string | integer | 7 | 1 |',
    );
  });
});
