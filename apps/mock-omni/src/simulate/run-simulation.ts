/**
 * One simulated day of a blended campaign, in process: a mock (`createMockOmni`, manual clock, a
 * `:memory:` database) with one Progressive blended campaign, its lead list, its agents logged in on
 * virtual phones and ready, and a seeded inbound arrival process; the clock is advanced a minute at a
 * time and the rest runs by itself (callees answer or not per the callee model, wrap-up times out, the
 * dialler paces). The answer is the campaign's statistics and series at the end of the day.
 *
 * @module
 */

import type { CampaignSeriesView, CampaignStatsView } from '@omnikit/contracts/control';
import { createMockOmni } from '../create-mock-omni.js';
import { inboundPerHourOf, leadsOf, type SimulationSettings } from './simulation-settings.js';

/** The simulated clock moves this much at a time (timers inside a step run in time order). */
const STEP_MS = 60_000;
const DID = '0861009999';

export interface SimulationProgress {
  /** Simulated hours done, and in all. */
  hour: number;
  hours: number;
  wallMs: number;
}

export interface SimulationResult {
  settings: SimulationSettings;
  stats: CampaignStatsView;
  series: CampaignSeriesView;
  wallMs: number;
}

export async function runSimulation(
  settings: SimulationSettings,
  options: { onProgress?: (p: SimulationProgress) => void; now?: () => number } = {},
): Promise<SimulationResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const mock = await createMockOmni({
    db: ':memory:',
    clock: 'manual',
    seed: settings.seed,
    validateResponses: false,
    logger: { info: () => {}, error: () => {} },
  });
  try {
    const { services } = mock;
    const sys = services.registry.getDefault();
    const { tx } = services.stores;
    let campaignId = 0;
    tx.run(() => {
      campaignId = services.campaigns.create(sys, {
        campaign_name: 'Simulated blended day',
        campaign_type: 1,
        is_blended: true,
        max_lines: settings.max_lines,
        target_drop_percentage: settings.target_drop_percentage,
        wrapup_seconds: settings.wrapup_seconds,
        amd_enabled: settings.amd_enabled,
        inbound_dids: [DID],
      });
      const listId = services.lists.create(sys, { list_name: 'Simulated leads', campaign_id: campaignId });
      const leads = leadsOf(settings);
      for (let i = 0; i < leads; i++)
        services.leads.add(sys, {
          other_info: `simulated lead ${i + 1}`,
          list_id: listId,
          phone_numbers: [{ phone_number: `07${String(10_000_000 + i)}` }],
        });
      const perHour = inboundPerHourOf(settings);
      if (perHour > 0)
        services.dialler.apply(
          sys,
          services.dialler.of(sys).setArrivalProcess(
            {
              campaign_id: campaignId,
              calls_per_hour: Array.from({ length: 24 }, () => perHour),
              patience_median_seconds: settings.patience_median_seconds,
            },
            sys.clock.now(),
          ),
          sys.clock.now(),
        );
    });
    tx.run(() => {
      for (let i = 0; i < settings.agents; i++) {
        const extension = String(5000 + i);
        const userId = services.users.create(sys, {
          user_name: `sim${i + 1}`,
          password: 'simulated',
          extension,
          webrtc_password: 'simulated',
        });
        services.phones.registerVirtual(sys, extension);
        services.agents.login(sys, userId, { campaign_id: campaignId, extension });
        services.agents.setState(sys, userId, { state: 'ready' });
      }
    });
    await tx.durable();

    const start = sys.clock.now();
    const end = start + Math.round(settings.hours * 3_600_000);
    let hour = 0;
    while (sys.clock.now() < end) {
      services.registry.advance(sys, Math.min(STEP_MS, end - sys.clock.now()));
      await tx.durable();
      const h = Math.floor((sys.clock.now() - start) / 3_600_000);
      if (h > hour || sys.clock.now() >= end) {
        hour = h;
        options.onProgress?.({ hour: Math.min(h, settings.hours), hours: settings.hours, wallMs: now() - started });
      }
    }
    const at = sys.clock.now();
    const stats = services.dialler.of(sys).stats(campaignId, at);
    const series = services.series.series(sys, campaignId, {
      from: new Date(start).toISOString(),
      to: new Date(at).toISOString(),
    });
    return { settings, stats, series, wallMs: now() - started };
  } finally {
    await mock.close();
  }
}
