import { DEFAULT_VARIATION, formatVariation, isDefaultVariation, type Variation } from '@omnikit/contracts/variants';
import { createMockOmni, DEMO_USERS, type MockOmni, STRICT_TEST_LINES } from '@omnikit/mock-omni';
import type { FetchLike } from '@omnikit/sdk';
import { createControlClient } from './control-client.js';
import type { AgentCredentials, Target, TargetSystem } from './target.js';

const silent = { info: () => {}, error: () => {} };

function demoAgent(index: number): AgentCredentials | undefined {
  const u = DEMO_USERS[index];
  return u && { userName: u.userName, password: u.password, extension: u.extension, webrtcPassword: u.webrtcPassword };
}

/**
 * A fresh system on a mock for each scenario (its own seed, clock, demo users and data), deleted
 * afterwards: many scenarios share one mock without seeing each other.
 */
async function openMockSystem(opts: {
  baseUrl: string;
  fetch: FetchLike;
  adminKey: string | undefined;
  seed: number;
  clock: 'manual' | 'real';
  sipServer: (systemKey: string) => Promise<string | undefined>;
}): Promise<TargetSystem> {
  // The new system's key is chosen here and sent in Authorization as well as in the body, so a
  // load balancer that places systems by their key (`omni-mock cluster`) sends the create, and every
  // later request of the scenario, to the process that owns the system.
  const newKey = `scenario-${opts.seed}-${globalThis.crypto.randomUUID()}`;
  const admin = createControlClient({
    baseUrl: opts.baseUrl,
    systemKey: newKey,
    fetch: opts.fetch,
    adminKey: opts.adminKey,
  });
  const created = await admin.call('createSystem', {
    body: { system_key: newKey, seed: opts.seed, clock: opts.clock },
  });
  const systemKey = created.system_key;
  const control = createControlClient({ baseUrl: opts.baseUrl, systemKey, fetch: opts.fetch, adminKey: opts.adminKey });
  return {
    baseUrl: opts.baseUrl,
    systemKey,
    fetch: opts.fetch,
    capabilities: { control: true, magicNumbers: true, messaging: true },
    testNumbers: STRICT_TEST_LINES,
    agent: demoAgent,
    sipServer: () => opts.sipServer(systemKey),
    // The mock's own setting: it reads and writes date-times without a zone in its office hours' zone.
    timeZone: async () => (await control.call('getOfficeHours')).time_zone,
    control,
    async close() {
      await admin.call('deleteSystem', { params: { system_key: systemKey } });
    },
  };
}

/**
 * The mock in this process: REST through its own fetch, SIP on a port opened when first needed. `vary` makes it
 * play another plausible Omni where the wiki is silent (a `Variation`, from `parseVary` or `variationMatrix`).
 *
 * @example
 * ```ts
 * import { createInprocTarget, library, runSuite } from '@omnikit/scenarios';
 *
 * const target = await createInprocTarget();
 * const report = await runSuite(library, { target });
 * await target.close();
 * ```
 */
export async function createInprocTarget(opts: { mock?: MockOmni; vary?: Variation } = {}): Promise<Target> {
  const owned = opts.mock === undefined;
  const variation = opts.vary ?? DEFAULT_VARIATION;
  const mock = opts.mock ?? (await createMockOmni({ clock: 'manual', logger: silent, vary: variation }));
  let listening: Promise<{ url: string; close(): Promise<void> }> | undefined;
  return {
    kind: 'inproc',
    label: isDefaultVariation(variation) ? 'in-process mock' : `in-process mock (--vary ${formatVariation(variation)})`,
    variation,
    open: ({ seed, clock }) =>
      openMockSystem({
        baseUrl: 'http://mock.local',
        fetch: mock.fetch,
        adminKey: undefined,
        seed,
        clock,
        async sipServer(systemKey) {
          listening ??= mock.listen({ port: 0 });
          const { url } = await listening;
          const sys = mock.services.registry.get(systemKey);
          return sys && `${url.replace(/^http/, 'ws')}/ws/${sys.systemId}`;
        },
      }),
    async close() {
      if (listening) await (await listening).close();
      if (owned) await mock.close();
    },
  };
}

/**
 * A mock at a URL (`omni-mock` started elsewhere). Its systems' SIP paths need the system's
 * internal id, which the control API does not show: phones there are virtual (the runner says so).
 *
 * @example
 * ```ts
 * import { createMockUrlTarget, library, runSuite } from '@omnikit/scenarios';
 *
 * // A mock started elsewhere (omni-mock); its admin key when it has one.
 * const target = createMockUrlTarget({ baseUrl: 'http://127.0.0.1:4010', adminKey: process.env.OMNI_MOCK_ADMIN_KEY });
 * const report = await runSuite(library, { target });
 * ```
 */
export function createMockUrlTarget(opts: { baseUrl: string; adminKey?: string | undefined }): Target {
  const baseUrl = opts.baseUrl.replace(/\/$/, '');
  const fetch: FetchLike = (request) => globalThis.fetch(request);
  return {
    kind: 'mock-url',
    label: `mock at ${baseUrl}`,
    open: ({ seed, clock }) =>
      openMockSystem({ baseUrl, fetch, adminKey: opts.adminKey, seed, clock, sipServer: async () => undefined }),
    async close() {},
  };
}
