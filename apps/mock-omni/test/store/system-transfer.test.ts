import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockOmni } from '../../src/index.js';
import { exportSystem, importSystem, SystemTransferError } from '../../src/store/system-transfer.js';
import { OmniTestClient } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-system-transfer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { info: () => {}, error: () => {} };

/** A mock on `db` for the time of `use`, closed afterwards (a transfer needs the files closed). */
async function withMock<T>(db: string, use: (client: OmniTestClient) => Promise<T>): Promise<T> {
  const mock = await createMockOmni({ db, clock: 'manual', logger: quiet });
  try {
    return await use(new OmniTestClient(mock));
  } finally {
    await mock.close();
  }
}

const LEAD = {
  list_id: 1,
  first_name: 'Moving',
  last_name: 'Lead',
  other_info: 'goes with its system',
  phone_numbers: [{ phone_number: '0821234567', phone_type_id: 2 }],
};

describe('a system moved between databases (export, import)', () => {
  it('carries its data, its tokens, its clock and its pending webhooks; ids a database gives out are given anew', async () => {
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    const out = join(dir, 'moving.db');
    const before = await withMock(a, async (root) => {
      await root.request('POST', '/__mock/systems', { body: { system_key: 'moving-system', clock: 'manual' } });
      const sys = root.withKey('moving-system');
      const token = await sys.login('agent1');
      const lead = (await sys.request('POST', '/omni/lead', { body: LEAD, token })).body.lead_id as number;
      await sys.request('POST', '/__mock/clock/advance', { body: { ms: 60_000 } });
      await sys.request('POST', '/omni/notification/endpoint', {
        body: { url: 'http://127.0.0.1:9/hook', secret: 'transfer-secret' },
        token,
      });
      await sys.request('POST', '/__mock/webhook/test', { body: {} });
      const deliveries = (await sys.request('GET', '/__mock/webhook/deliveries')).body;
      return { token, lead, now: (await sys.request('GET', '/__mock/clock')).body.now, deliveries };
    });
    // The target already has systems of its own, so the moved one gets another id there.
    await withMock(b, async (root) => {
      await root.request('POST', '/__mock/systems', { body: { system_key: 'resident-system', clock: 'manual' } });
    });

    const exported = exportSystem({ db: a, key: 'moving-system', out, remove: true });
    expect(exported.systemKey).toBe('moving-system');
    expect(exported.rows).toBeGreaterThan(350); // the demo data's 350 leads, users, campaigns…
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(importSystem({ db: b, from: out })).toEqual({ systemKey: 'moving-system', rows: exported.rows });

    await withMock(b, async (root) => {
      const sys = root.withKey('moving-system');
      expect((await sys.request('GET', '/__mock/system')).body).toMatchObject({
        system_key: 'moving-system',
        is_default: false,
      });
      expect((await sys.request('GET', '/__mock/clock')).body.now).toBe(before.now);
      // The token issued on the old database still opens the system.
      const lead = await sys.request('GET', `/omni/lead/${before.lead}`, { token: before.token });
      expect([lead.status, lead.body.first_name]).toEqual([200, 'Moving']);
      const deliveries = (await sys.request('GET', '/__mock/webhook/deliveries')).body;
      expect(deliveries.deliveries.map((d: { notification_id: string }) => d.notification_id)).toEqual(
        before.deliveries.deliveries.map((d: { notification_id: string }) => d.notification_id),
      );
      // The resident system is untouched, and a new lead in the moved system takes the next id.
      expect((await root.withKey('resident-system').request('GET', '/__mock/system')).status).toBe(200);
      const next = await sys.request('POST', '/omni/lead', { body: LEAD, token: before.token });
      expect(next.body.lead_id).toBe(before.lead + 1);
    });
    // --remove took it out of the source.
    await withMock(a, async (root) => {
      const gone = await root.withKey('moving-system').request('GET', '/__mock/system');
      expect([gone.status, gone.body.error_code]).toEqual([401, 'INVALID_SYSTEM_KEY']);
    });
  });

  it('refuses clearly: an unknown key, an existing output, the default system removed, a key the target holds, a file that is not an export', async () => {
    const a = join(dir, 'c.db');
    await withMock(a, async (root) => {
      await root.request('POST', '/__mock/systems', { body: { system_key: 'second-system' } });
    });
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(SystemTransferError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused(() => exportSystem({ db: a, key: 'no-such-system', out: join(dir, 'x.db') }))).toBe(
      `${a} holds no system no-such-system`,
    );
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    writeFileSync(join(dir, 'taken.db'), '');
    expect(refused(() => exportSystem({ db: a, key: 'second-system', out: join(dir, 'taken.db') }))).toContain(
      'exists already',
    );
    expect(
      refused(() => exportSystem({ db: a, key: 'omni-demo-key', out: join(dir, 'd.db'), remove: true })),
    ).toContain('it can be exported, not removed');
    expect(refused(() => exportSystem({ db: join(dir, 'none.db'), key: 'k', out: join(dir, 'e.db') }))).toContain(
      'there is no database',
    );
    exportSystem({ db: a, key: 'second-system', out: join(dir, 'second.db') });
    expect(refused(() => importSystem({ db: a, from: join(dir, 'second.db') }))).toBe(
      `${a} already holds a system second-system: delete it there first`,
    );
    writeFileSync(join(dir, 'junk.db'), 'not a database at all, just text that is long enough to be read');
    expect(refused(() => importSystem({ db: a, from: join(dir, 'junk.db') }))).toMatch(
      /cannot read|not a file of omni-mock system export/,
    );
    expect(refused(() => importSystem({ db: a, from: a }))).toMatch(/holds 2 systems|cannot read/);
  });
});
