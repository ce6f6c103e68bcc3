import { routes } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CurrentRouteId, METHOD_NAMES, NotFoundError, type OmniClient } from '../../src/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

/** Routes the e2e suites in this folder (directory, resilience, calls, shotgun-preview) exercise via their method. */
const COVERED_END_TO_END: readonly CurrentRouteId[] = [
  'authorize',
  'listUsers',
  'getUser',
  'createCampaign',
  'getCampaign',
  'listCampaigns',
  'updateCampaign',
  'createList',
  'getList',
  'listLists',
  'listLeads',
  'addLead',
  'getLead',
  'updateLead',
  'deleteLead',
  'bulkUploadLeads',
  'archiveLeads',
  'dearchiveLeads',
  'setNotificationEndpoint',
  'getNotificationEndpoint',
  'deleteNotificationEndpoint',
  // calls.test.ts
  'login',
  'logout',
  'setState',
  'makeCall',
  'getCall',
  'holdCall',
  'retrieveCall',
  'hangupCall',
  'disposeCall',
  'recordCall',
  'conferenceCall',
  'connectCall',
  'getRecording',
  // shotgun-preview.test.ts
  'startShotgun',
  'getShotgun',
  'cancelShotgun',
  'previewNext',
  'previewSkip',
];

/** Routes the mock does not serve yet (none now; a route added to the contracts lands here first). */
const NOT_YET_SERVED: readonly CurrentRouteId[] = [];

describe('end-to-end coverage of the sdk’s methods', () => {
  let target: MockTarget;
  let client: OmniClient;
  beforeAll(async () => {
    target = await startTarget('in-process');
    client = target.client();
  });
  afterAll(() => target.close());

  it('every current route is either covered end to end or listed as not yet served', () => {
    expect([...COVERED_END_TO_END, ...NOT_YET_SERVED].sort()).toEqual(Object.keys(METHOD_NAMES).sort());
  });

  for (const id of NOT_YET_SERVED) {
    it(`${id} is not served by the mock yet (when it is, add it to the e2e suites)`, async () => {
      const agent = client.agent(await client.authorize('agent1', 'password1')) as unknown as Record<string, unknown>;
      const route = routes[id];
      const holder = (route.group === 'agent' ? agent : agent[route.group]) as Record<
        string,
        (...args: unknown[]) => Promise<unknown>
      >;
      const positional = [...route.path.matchAll(/\{([a-z_]+)\}/g)]
        .map((m) => m[1])
        .filter((n) => n !== 'user_id')
        .map((n) => (n === 'file' ? '1_20260105080000.wav' : 1));
      const error = await (holder[METHOD_NAMES[id]] as (...args: unknown[]) => Promise<unknown>)(
        ...positional,
        ...(route.body ? [{}] : []),
      ).catch((e: unknown) => e);
      expect(error, `${id} is served now: add it to packages/sdk/test/e2e/*.test.ts`).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).errorCode).toBe('ROUTE_NOT_FOUND');
    });
  }
});
