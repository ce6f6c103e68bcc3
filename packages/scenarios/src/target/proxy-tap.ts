/**
 * The webhook tap of an `omni-mock proxy`, when the target is one: a run through the proxy gives
 * Omni the tap (`/__proxy/webhook`) as the notification endpoint and points the tap at the
 * runner's own inbox (`PUT /__proxy/tap`), so every notification is checked and recorded by the
 * proxy on its way to the receiver — one run yields the suite's verdicts and the drift report.
 *
 * @module
 */

/** The proxy's route that says (GET) and sets (PUT) where its tap forwards notifications. */
export const PROXY_TAP_PATH = '/__proxy/tap';
/** The proxy's endpoint a real Omni posts notifications to. */
export const PROXY_WEBHOOK_PATH = '/__proxy/webhook';

/**
 * An `omni-mock proxy`'s webhook tap, as a run uses it.
 *
 * @example
 * ```ts
 * import { findProxyTap, WebhookReceiver } from '@omnikit/scenarios';
 *
 * const tap = await findProxyTap('http://127.0.0.1:4011');
 * if (tap) {
 *   const receiver = new WebhookReceiver();
 *   await receiver.start();
 *   await tap.forwardTo(receiver.inbox().url); // then give Omni tap.endpointUrl
 *   await tap.restore();
 *   await receiver.close();
 * }
 * ```
 */
export interface ProxyTap {
  /** The proxy's base URL. */
  readonly proxyUrl: string;
  /** The Omni the proxy forwards to (its drift report's `target`), when it says. */
  readonly omniUrl: string | undefined;
  /** What Omni is given as the notification endpoint: the tap, or the public URL that reaches it. */
  readonly endpointUrl: string;
  /** Points the tap at a receiver's inbox. */
  forwardTo(url: string): Promise<void>;
  /** Puts the tap's target back as it was found. */
  restore(): Promise<void>;
}

/**
 * The tap of the proxy at `baseUrl`, or undefined when `baseUrl` is not an `omni-mock proxy` (its
 * `GET /__proxy/tap` does not answer `{ url }`). `publicUrl` is what Omni must be given when it
 * cannot reach the proxy itself (a tunnel to the proxy's `/__proxy/webhook`). The probe carries
 * no credentials.
 *
 * @example
 * ```ts
 * import { findProxyTap } from '@omnikit/scenarios';
 *
 * const tap = await findProxyTap('http://127.0.0.1:4011', { publicUrl: process.env.OMNI_WEBHOOK_PUBLIC_URL });
 * console.log(tap ? `notifications go through ${tap.endpointUrl}` : 'not a proxy');
 * ```
 */
export async function findProxyTap(
  baseUrl: string,
  opts: { publicUrl?: string | undefined; fetch?: typeof fetch } = {},
): Promise<ProxyTap | undefined> {
  const send = opts.fetch ?? fetch;
  const base = baseUrl.replace(/\/$/, '');
  const probe = await send(`${base}${PROXY_TAP_PATH}`).catch(() => undefined);
  if (probe?.status !== 200) {
    await probe?.body?.cancel();
    return undefined;
  }
  const found = (await probe.json().catch(() => undefined)) as { url?: unknown } | undefined;
  if (typeof found !== 'object' || found === null || !('url' in found)) return undefined;
  const original = typeof found.url === 'string' ? found.url : null;
  const report = await send(`${base}/__proxy/report.json`).catch(() => undefined);
  const target = report?.ok
    ? ((await report.json().catch(() => undefined)) as { target?: unknown } | undefined)
    : undefined;
  if (report && !report.ok) await report.body?.cancel();
  const put = async (url: string | null) => {
    const res = await send(`${base}${PROXY_TAP_PATH}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    const text = await res.text();
    if (!res.ok) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {}
      throw new Error(`the proxy at ${base} refused to point its tap at ${url ?? 'nothing'}: ${res.status} ${detail}`);
    }
  };
  return {
    proxyUrl: base,
    omniUrl: typeof target?.target === 'string' ? target.target : undefined,
    endpointUrl: opts.publicUrl ?? `${base}${PROXY_WEBHOOK_PATH}`,
    forwardTo: (url) => put(url),
    restore: () => put(original),
  };
}
