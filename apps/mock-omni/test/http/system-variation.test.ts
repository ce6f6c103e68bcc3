/**
 * A system's variation through the control API (`GET`/`PUT /__mock/system/variation`, `vary` on `POST
 * /__mock/systems`): one mock serving systems that play different Omnis at once, each kept across a restart and a
 * reset, a system without one following the mock's `--vary`; and every bad input a 400 naming what is wrong.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

const DEFAULTS = {
  errors: 'coded',
  dates: 'iso-z',
  ids: 'integers',
  tokens: 'several',
  notifications: 'signed',
  extras: 'exact',
};

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

async function freshSystem(body: Record<string, unknown> = {}): Promise<OmniTestClient> {
  const made = await root.request('POST', '/__mock/systems', { body: { clock: 'manual', ...body } });
  expect(made.status).toBe(200);
  return root.withKey(made.body.system_key as string);
}

describe('GET and PUT /__mock/system/variation', () => {
  it('GET /__mock/system shows the lifetime a token issued now gets: 15 min under tokens=short-lived', async () => {
    const c = await freshSystem();
    expect((await c.request('GET', '/__mock/system')).body).toMatchObject({ token_lifetime_seconds: 28_800 });
    await c.request('PUT', '/__mock/system/variation', { body: { vary: 'tokens=short-lived' } });
    expect((await c.request('GET', '/__mock/system')).body).toMatchObject({ token_lifetime_seconds: 900 });
  });

  it('a new system follows the mock (default): every axis at its default, not its own', async () => {
    const c = await freshSystem();
    expect((await c.request('GET', '/__mock/system/variation')).body).toEqual({
      vary: 'default',
      variation: DEFAULTS,
      own: false,
    });
  });

  it('PUT sets it from the next request on, and GET /__mock/system shows its text', async () => {
    const c = await freshSystem();
    const set = await c.request('PUT', '/__mock/system/variation', {
      body: { vary: 'errors=ok-false,dates=vicidial' },
    });
    expect(set).toMatchObject({
      status: 200,
      body: {
        vary: 'errors=ok-false,dates=vicidial',
        variation: { ...DEFAULTS, errors: 'ok-false', dates: 'vicidial' },
        own: true,
      },
    });
    expect((await c.request('GET', '/__mock/system')).body.vary).toBe('errors=ok-false,dates=vicidial');
    expect(await c.request('GET', '/omni/campaign/1')).toMatchObject({ status: 200, body: { success: false } });
  });

  it('random with a seed: the same draw every time, written out in full', async () => {
    const c = await freshSystem();
    const a = await c.request('PUT', '/__mock/system/variation', { body: { vary: 'random', seed: 7 } });
    const b = await c.request('PUT', '/__mock/system/variation', { body: { vary: 'random', seed: 7 } });
    expect(a.body).toEqual(b.body);
    expect(a.body.vary).toBe('dates=vicidial,tokens=revoke-older,notifications=unsigned,extras=extra-fields');
  });

  it('systems of one mock play different Omnis at once', async () => {
    const coded = await freshSystem({ vary: 'errors=coded' });
    const okFalse = await freshSystem({ vary: 'errors=ok-false' });
    const statusOnly = await freshSystem({ vary: 'errors=status-only' });
    const answers = await Promise.all([coded, okFalse, statusOnly].map((c) => c.request('GET', '/omni/campaign/1')));
    expect(answers.map((a) => [a.status, a.body.error_code])).toEqual([
      [401, 'MISSING_TOKEN'],
      [200, undefined],
      [401, undefined],
    ]);
  });

  it('POST /__mock/systems with vary null: as absent, the system follows the mock’s --vary (as PUT reads null)', async () => {
    const { mock: varied, client } = await startMock({ vary: 'ids=strings' });
    try {
      const made = await client.request('POST', '/__mock/systems', { body: { vary: null } });
      expect(made).toMatchObject({ status: 200, body: { system: { vary: 'ids=strings' } } });
      const read = await client.withKey(made.body.system_key).request('GET', '/__mock/system/variation');
      expect(read.body).toMatchObject({ vary: 'ids=strings', own: false });
    } finally {
      await varied.close();
    }
  });

  it('POST /__mock/systems with vary random draws from the new system’s seed', async () => {
    const a = await freshSystem({ vary: 'random', seed: 7 });
    expect((await a.request('GET', '/__mock/system/variation')).body.vary).toBe(
      'dates=vicidial,tokens=revoke-older,notifications=unsigned,extras=extra-fields',
    );
  });

  it('PUT { vary: null } gives up its own: the system follows the mock’s --vary again, after a restart too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omni-vary-null-'));
    const db = join(dir, 'omni.db');
    try {
      const first = await startMock({ db, vary: 'ids=strings' });
      const c = first.client;
      await c.request('PUT', '/__mock/system/variation', { body: { vary: 'errors=ok-false' } });
      const cleared = await c.request('PUT', '/__mock/system/variation', { body: { vary: null } });
      expect(cleared).toMatchObject({ status: 200, body: { vary: 'ids=strings', own: false } });
      expect((await c.request('GET', '/__mock/system')).body.vary).toBe('ids=strings');
      // From its next request on: a refusal is coded again, ids are strings.
      expect(await c.request('GET', '/omni/campaign/1')).toMatchObject({ status: 401 });
      await first.mock.close();

      const second = await startMock({ db, vary: 'dates=vicidial' });
      try {
        expect((await second.client.request('GET', '/__mock/system/variation')).body).toMatchObject({
          vary: 'dates=vicidial',
          own: false,
        });
      } finally {
        await second.mock.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reset keeps it', async () => {
    const c = await freshSystem({ vary: 'ids=strings' });
    expect((await c.request('POST', '/__mock/system/reset', { body: {} })).body.vary).toBe('ids=strings');
    expect((await c.request('GET', '/__mock/system/variation')).body).toMatchObject({ vary: 'ids=strings', own: true });
  });
});

describe('bad inputs: 400 VALIDATION_FAILED naming the field and what is wrong', () => {
  const axes = 'errors, dates, ids, tokens, notifications, extras';
  it.each([
    [{ vary: 'colour=red' }, 'vary', `unknown axis "colour" (axes: ${axes})`],
    [{ vary: 'errors=nope' }, 'vary', 'unknown value "nope" for errors (values: coded, ok-false, status-only)'],
    [{ vary: 'ids=strings,ids=integers' }, 'vary', 'axis "ids" is given twice'],
    [{ vary: 'errors' }, 'vary', `"errors" is not axis=value (axes: ${axes}; or "random", "default")`],
    [
      { vary: 'errors=ok-false,' },
      'vary',
      '"errors=ok-false," has an empty item (a trailing comma): separate axis=value pairs by single commas, e.g. errors=ok-false,dates=vicidial',
    ],
    [{ vary: 'errors=' }, 'vary', 'no value given for errors (values: coded, ok-false, status-only)'],
    [{ vary: '=x' }, 'vary', `no axis named before '=' in "=x" (axes: ${axes})`],
    [{ vary: 'random' }, 'vary', 'random needs a seed (`seed`) so that the draw can be repeated'],
    [{ vary: 'random', seed: -1 }, 'seed', 'Too small: expected number to be >=0'],
    [{ vary: 'random', seed: 1.5 }, 'seed', 'Invalid input: expected int, received number'],
    [{ vary: 42 }, 'vary', 'Invalid input: expected string, received number'],
    [{}, 'vary', 'is required'],
    [{ vary: 'default', colour: 'red' }, 'colour', 'is not a known field'],
    [{ vary: 'x'.repeat(501) }, 'vary', 'Too big: expected string to have <=500 characters'],
  ])('PUT %j → 400 on %s', async (body, field, message) => {
    const c = await freshSystem();
    const res = await c.request('PUT', '/__mock/system/variation', { body });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field, message }]);
    // Nothing changed.
    expect((await c.request('GET', '/__mock/system/variation')).body.vary).toBe('default');
  });

  it('a body that is not JSON → 400, field body', async () => {
    const c = await freshSystem();
    const res = await c.request('PUT', '/__mock/system/variation', { raw: '{"vary":' });
    expect(res).toMatchObject({ status: 400, body: { error_code: 'VALIDATION_FAILED' } });
  });

  it.each([
    ['colour=red', `unknown axis "colour" (axes: ${axes})`],
    ['dates=local', 'unknown value "local" for dates (values: iso-z, vicidial, iso-offset)'],
    [
      'ids=strings,,dates=vicidial',
      '"ids=strings,,dates=vicidial" has an empty item (a doubled comma): separate axis=value pairs by single commas, e.g. errors=ok-false,dates=vicidial',
    ],
    ['dates=', 'no value given for dates (values: iso-z, vicidial, iso-offset)'],
    ['=vicidial', `no axis named before '=' in "=vicidial" (axes: ${axes})`],
  ])('POST /__mock/systems with vary %s → 400, no system made', async (vary, message) => {
    const before = (await root.request('GET', '/__mock/systems')).body.systems.length;
    const res = await root.request('POST', '/__mock/systems', { body: { vary } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'vary', message }]);
    expect((await root.request('GET', '/__mock/systems')).body.systems).toHaveLength(before);
  });
});

describe('kept across a restart', () => {
  it('a system’s own variation survives; one without follows the restarted mock’s --vary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omni-vary-'));
    const db = join(dir, 'omni.db');
    try {
      const first = await startMock({ db });
      const own = await first.client.request('POST', '/__mock/systems', {
        body: { system_key: 'plays-vicidial', vary: 'dates=vicidial' },
      });
      expect(own.status).toBe(200);
      await first.client.request('POST', '/__mock/systems', { body: { system_key: 'follows-mock' } });
      await first.client.request('PUT', '/__mock/system/variation', { body: { vary: 'errors=status-only' } });
      await first.mock.close();

      const second = await startMock({ db, vary: 'ids=strings' });
      try {
        const read = (key: string) =>
          second.client
            .withKey(key)
            .request('GET', '/__mock/system/variation')
            .then((r) => [r.body.vary, r.body.own]);
        expect(await read('plays-vicidial')).toEqual(['dates=vicidial', true]);
        expect(await read('follows-mock')).toEqual(['ids=strings', false]);
        expect(await read(second.mock.defaultSystemKey)).toEqual(['errors=status-only', true]);
      } finally {
        await second.mock.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--strict with --vary', () => {
  it('a strict mock (responses checked) answers in the variant: checked in the contract’s shape, sent varied', async () => {
    const { mock: strict, client } = await startMock({
      strict: true,
      clock: 'real',
      validateResponses: true,
      vary: 'errors=ok-false,ids=strings,extras=extra-fields',
    });
    try {
      expect(await client.request('GET', '/__mock/system/variation')).toMatchObject({ status: 404 });
      const token = await client.login();
      const campaign = await client.request('GET', '/omni/campaign/1', { token });
      expect(campaign).toMatchObject({ status: 200, body: { campaign_id: '1', api_version: '3.4.2' } });
      expect((await client.request('GET', '/omni/campaign/999', { token })).body).toEqual({
        success: false,
        detail: 'campaign 999 does not exist in this system',
        errors: [{ field: 'campaign_id', message: 'campaign 999 does not exist', server_node: 'omni-app-01' }],
        server_node: 'omni-app-01',
        api_version: '3.4.2',
        request_ms: 3,
      });
    } finally {
      await strict.close();
    }
  });
});
