import { ADMIN_KEY_HEADER, controlRoutes } from '@omnikit/contracts/control';
import type { z } from 'zod';
import { ConsoleHttpError } from './console-http-error.js';

export interface MockControlOptions {
  baseUrl: string;
  systemKey: string;
  adminKey: string | undefined;
  fetch?: (request: Request) => Promise<Response>;
  timeoutMs?: number;
}

type ListUsers = z.infer<(typeof controlRoutes.listMockUsers.responses)[200]>;
type ListPhones = z.infer<(typeof controlRoutes.listPhones.responses)[200]>;
type CampaignStats = z.infer<(typeof controlRoutes.getCampaignStats.responses)[200]>;
type Clock = z.infer<(typeof controlRoutes.getClock.responses)[200]>;

/**
 * The few reads of the mock's control API (`/__mock/*`) the console needs: users with their WebRTC
 * passwords, registered phones, campaign statistics, the clock. Not Omni: used only when the target
 * is the mock (the sdk never talks to the control API). Answers are checked against the contracts.
 */
export class MockControl {
  readonly #options: MockControlOptions;

  constructor(options: MockControlOptions) {
    this.#options = options;
  }

  users(): Promise<ListUsers> {
    return this.#get(controlRoutes.listMockUsers.path, controlRoutes.listMockUsers.responses[200]);
  }

  phones(): Promise<ListPhones> {
    return this.#get(controlRoutes.listPhones.path, controlRoutes.listPhones.responses[200]);
  }

  campaignStats(campaignId: number): Promise<CampaignStats> {
    const path = controlRoutes.getCampaignStats.path.replace('{campaign_id}', String(campaignId));
    return this.#get(path, controlRoutes.getCampaignStats.responses[200]);
  }

  clock(): Promise<Clock> {
    return this.#get(controlRoutes.getClock.path, controlRoutes.getClock.responses[200]);
  }

  async #get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    const headers: Record<string, string> = { authorization: `Key=${this.#options.systemKey}` };
    if (this.#options.adminKey !== undefined) headers[ADMIN_KEY_HEADER] = this.#options.adminKey;
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(
        new Request(`${this.#options.baseUrl}${path}`, {
          headers,
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
        }),
      );
    } catch {
      throw new ConsoleHttpError('OMNI_UNAVAILABLE', 'The mock’s control API cannot be reached right now.');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const detail =
        typeof body === 'object' && body !== null && 'detail' in body && typeof body.detail === 'string'
          ? ` (${body.detail})`
          : '';
      const hint = response.status === 401 || response.status === 403 ? ' Check --admin-key.' : '';
      throw new ConsoleHttpError(
        'OMNI_UNAVAILABLE',
        `The mock’s control API refused ${path} with ${response.status}${detail}.${hint}`,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new ConsoleHttpError('OMNI_UNAVAILABLE', `The mock’s control API answered ${path} in an unexpected form.`);
    return parsed.data;
  }
}
