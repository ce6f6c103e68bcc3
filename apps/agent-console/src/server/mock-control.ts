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
type CampaignSeries = z.infer<(typeof controlRoutes.getCampaignSeries.responses)[200]>;
type Clock = z.infer<(typeof controlRoutes.getClock.responses)[200]>;
type InboundBody = z.infer<typeof controlRoutes.placeInboundCall.body>;
type InboundPlaced = z.infer<(typeof controlRoutes.placeInboundCall.responses)[200]>;

/**
 * The mock's refusals of a request the person made (a DID no campaign has, a campaign id it does not
 * know): said in words, not as an outage. A route the mock does not have (`ROUTE_NOT_FOUND`) is not
 * one of them: that is the console's configuration.
 */
const REFUSALS: Record<number, 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT'> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};

/**
 * The few calls of the mock's control API (`/__mock/*`) the console needs: users with their WebRTC
 * passwords, registered phones, campaign statistics, the clock, and one inbound call on demand (so a
 * person can ring the console's agent without curl). Not Omni: used only when the target
 * is the mock (the sdk never talks to the control API). Answers are checked against the contracts.
 */
export class MockControl {
  readonly #options: MockControlOptions;
  /** Learnt from the last answer: the URL's server has no control API (a strict mock, a real Omni). */
  #absent = false;

  constructor(options: MockControlOptions) {
    this.#options = options;
  }

  /**
   * True when the last control request found no control API at the URL: `omni-mock --strict`
   * (which behaves as a real Omni: no `/__mock` but `/health`), or not a mock at all.
   */
  get absent(): boolean {
    return this.#absent;
  }

  /**
   * Asks the mock whether its control API answers (its clock, a cheap read), and remembers it.
   * Only a server that has no such route says no; a refused key says yes, and an unreachable mock
   * leaves what was last learnt (yes at first), so the features stay on and their own errors name
   * the problem.
   */
  async present(): Promise<boolean> {
    try {
      await this.clock();
    } catch {
      // The answer is in #absent either way.
    }
    return !this.#absent;
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

  /**
   * The campaign's series with the mock's default window and bucket (its whole activity, by minute up
   * to a day). An unknown campaign is 404 `NOT_FOUND`.
   */
  campaignSeries(campaignId: number): Promise<CampaignSeries> {
    const path = controlRoutes.getCampaignSeries.path.replace('{campaign_id}', String(campaignId));
    return this.#request(path, controlRoutes.getCampaignSeries.responses[200], {
      refused: `The mock has no series for campaign ${campaignId}`,
    });
  }

  clock(): Promise<Clock> {
    return this.#get(controlRoutes.getClock.path, controlRoutes.getClock.responses[200]);
  }

  /** `POST /__mock/inbound`: a caller dials one of a campaign's DIDs now. */
  placeInbound(body: InboundBody): Promise<InboundPlaced> {
    return this.#request(controlRoutes.placeInboundCall.path, controlRoutes.placeInboundCall.responses[200], {
      json: JSON.stringify(body),
      refused: 'The mock refused the inbound call',
    });
  }

  #get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return this.#request(path, schema, {});
  }

  /**
   * One control call: a POST when `json` is given, else a GET. `refused` opens the sentence for the
   * mock's refusal of what the person asked (400/404/409); without it such a refusal is an outage.
   */
  async #request<S extends z.ZodType>(
    path: string,
    schema: S,
    { json, refused }: { json?: string; refused?: string },
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { authorization: `Key=${this.#options.systemKey}` };
    if (this.#options.adminKey !== undefined) headers[ADMIN_KEY_HEADER] = this.#options.adminKey;
    if (json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(
        new Request(`${this.#options.baseUrl}${path}`, {
          method: json === undefined ? 'GET' : 'POST',
          headers,
          ...(json === undefined ? {} : { body: json }),
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
        }),
      );
    } catch {
      throw new ConsoleHttpError('OMNI_UNAVAILABLE', 'The mock’s control API cannot be reached right now.');
    }
    const body: unknown = await response.json().catch(() => undefined);
    const errorCode = typeof body === 'object' && body !== null && 'error_code' in body ? body.error_code : undefined;
    // No such route at all (the mock's own ROUTE_NOT_FOUND, or a server that is not the mock): no
    // control API there. Any other answer comes from one.
    this.#absent = response.status === 404 && (errorCode === 'ROUTE_NOT_FOUND' || typeof errorCode !== 'string');
    if (this.#absent) throw new ConsoleHttpError('OMNI_UNAVAILABLE', noControlApi(this.#options.baseUrl, path));
    if (!response.ok) {
      const detail =
        typeof body === 'object' && body !== null && 'detail' in body && typeof body.detail === 'string'
          ? ` (${body.detail})`
          : '';
      // The mock's refusals carry its error code; a bare 404 is a server that is not the mock.
      const refusal =
        typeof errorCode === 'string' && errorCode !== 'ROUTE_NOT_FOUND' ? REFUSALS[response.status] : undefined;
      if (refused !== undefined && refusal) throw mockRefusal(refusal, refused, body);
      const hint = refusalHint(response.status, errorCode, detail);
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

/**
 * The sentence for a URL with no control API: a mock started with `--strict` has none (it behaves
 * as a real Omni), else the URL is not the mock's.
 */
function noControlApi(baseUrl: string, path = '/__mock'): string {
  return `There is no mock control API at ${baseUrl} (${path} answered 404): a mock started with --strict has none, as a real Omni has none; otherwise check --omni-url (the mock’s base URL).`;
}

/**
 * Which flag to check when the control API refuses the console: the mock names its admin key header
 * when that is what it wants (both keys are refused as `INVALID_SYSTEM_KEY` / `MISSING_SYSTEM_KEY`),
 * else the system key is not one of its systems'; a route it does not have is the URL's fault.
 */
function refusalHint(status: number, errorCode: unknown, detail: string): string {
  if (errorCode === 'ROUTE_NOT_FOUND' || status === 404) return ' Check --omni-url (the mock’s base URL).';
  if (status !== 401 && status !== 403) return '';
  if (detail.toLowerCase().includes(ADMIN_KEY_HEADER.toLowerCase())) return ' Check --admin-key.';
  if (errorCode === 'INVALID_SYSTEM_KEY' || errorCode === 'MISSING_SYSTEM_KEY') return ' Check --system-key.';
  return '';
}

/** The mock's own words for a refused request, and the field at fault when it names one. */
function mockRefusal(code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT', opening: string, body: unknown): ConsoleHttpError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const detail = typeof record.detail === 'string' ? record.detail : 'the request was refused';
  const errors = Array.isArray(record.errors) ? (record.errors as unknown[]) : [];
  const first = errors[0];
  const field =
    typeof first === 'object' && first !== null && typeof (first as Record<string, unknown>).field === 'string'
      ? ((first as Record<string, unknown>).field as string)
      : undefined;
  const omniCode = typeof record.error_code === 'string' ? record.error_code : undefined;
  return new ConsoleHttpError(code, `${opening}: ${detail}.`, {
    ...(field === undefined ? {} : { field }),
    ...(omniCode === undefined ? {} : { omniCode }),
  });
}
