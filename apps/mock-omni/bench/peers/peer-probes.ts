/**
 * What a peer does not do, found out by asking it: the same five requests go to the mock and to each peer
 * (no system key, a wrong key, a wrong user token, an add-lead body missing its required fields, and a lead
 * added then read back), and each peer's answer is set beside the mock's.
 *
 * @module
 */

/** A status and body a server answered. */
export interface ProbeAnswer {
  status: number;
  body: string;
}

/** A server's answers to the five probes. */
export interface ProbeAnswers {
  noKey: ProbeAnswer;
  wrongKey: ProbeAnswer;
  badToken: ProbeAnswer;
  invalidBody: ProbeAnswer;
  /** `GET /omni/lead/{lead_id}` of the lead just added; null when the add answered no `lead_id`. */
  readBack: ProbeAnswer | null;
  /** The `other_info` the added lead carried: found in the read-back only where the lead was kept. */
  marker: string;
}

/** One probe's outcome on a peer, as the bench prints it. */
export interface ProbeVerdict {
  check: 'system key required' | 'system key compared' | 'user token compared' | 'request validated' | 'state kept';
  /** What the peer answered, in a few words. */
  answered: string;
  /** Whether it behaves as the mock did on the same request. */
  asMock: boolean;
}

const errorCode = (a: ProbeAnswer): string => {
  try {
    const code = (JSON.parse(a.body) as { error_code?: unknown }).error_code;
    return typeof code === 'string' ? ` ${code}` : '';
  } catch {
    return '';
  }
};

const said = (a: ProbeAnswer): string => `${a.status}${errorCode(a)}`;

const kept = (a: ProbeAnswers): boolean => a.readBack?.status === 200 && a.readBack.body.includes(a.marker);

/** The peer's answers beside the mock's, probe by probe. */
export function probeVerdicts(peer: ProbeAnswers, mock: ProbeAnswers): ProbeVerdict[] {
  const refusal = (check: ProbeVerdict['check'], p: ProbeAnswer, m: ProbeAnswer): ProbeVerdict => ({
    check,
    answered: said(p),
    asMock: p.status === m.status,
  });
  const readBack = peer.readBack
    ? `${said(peer.readBack)}, ${kept(peer) ? 'with' : 'without'} the lead added`
    : 'no lead_id to read back';
  return [
    refusal('system key required', peer.noKey, mock.noKey),
    refusal('system key compared', peer.wrongKey, mock.wrongKey),
    refusal('user token compared', peer.badToken, mock.badToken),
    refusal('request validated', peer.invalidBody, mock.invalidBody),
    { check: 'state kept', answered: readBack, asMock: kept(peer) === kept(mock) },
  ];
}

/** The headers and bodies the probes send; `token` is a user token the mock issued. */
export interface ProbeInputs {
  key: string;
  token: string;
  /** A valid add-lead body. */
  lead: Record<string, unknown>;
  marker: string;
}

async function ask(url: string, init: RequestInit): Promise<ProbeAnswer> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.text() };
}

/** Sends the five probes to the server at `base`. */
export async function probe(base: string, inputs: ProbeInputs): Promise<ProbeAnswers> {
  const json = { 'Content-Type': 'application/json' };
  const noKey = await ask(`${base}/omni/users`, {});
  const wrongKey = await ask(`${base}/omni/users`, {
    headers: { Authorization: 'Key=not-the-system-key', tokenKey: inputs.token },
  });
  const badToken = await ask(`${base}/omni/users`, {
    headers: { Authorization: inputs.key, tokenKey: 'not-a-token-the-server-issued' },
  });
  const user = { ...json, Authorization: inputs.key, tokenKey: inputs.token };
  const invalidBody = await ask(`${base}/omni/lead`, {
    method: 'POST',
    headers: user,
    body: JSON.stringify({ first_name: 'Missing its list and phone numbers' }),
  });
  const added = await ask(`${base}/omni/lead`, {
    method: 'POST',
    headers: user,
    body: JSON.stringify({ ...inputs.lead, other_info: inputs.marker }),
  });
  let leadId: unknown;
  try {
    leadId = (JSON.parse(added.body) as { lead_id?: unknown }).lead_id;
  } catch {
    leadId = undefined;
  }
  const readBack =
    typeof leadId === 'number' || typeof leadId === 'string'
      ? await ask(`${base}/omni/lead/${encodeURIComponent(String(leadId))}`, { headers: user })
      : null;
  return { noKey, wrongKey, badToken, invalidBody, readBack, marker: inputs.marker };
}
