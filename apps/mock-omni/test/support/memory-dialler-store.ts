import type {
  CampaignRuntime,
  DiallerAgent,
  DiallerCall,
  DiallerCallPhase,
  DiallerStore,
} from '../../src/engine/dialler/dialler-store.js';

export function createMemoryDiallerStore(): DiallerStore {
  const runtimes = new Map<number, CampaignRuntime>();
  const agents = new Map<number, DiallerAgent>();
  /** Per campaign, the user ids of ready agents. */
  const ready = new Map<number, Set<number>>();
  const calls = new Map<number, DiallerCall>();
  /** Per campaign and phase, the calls in it (by id). */
  const phases = new Map<string, Map<number, DiallerCall>>();

  const phaseOf = (campaignId: number, phase: DiallerCallPhase) => {
    const key = `${campaignId}/${phase}`;
    let m = phases.get(key);
    if (!m) {
      m = new Map();
      phases.set(key, m);
    }
    return m;
  };
  const readyOf = (campaignId: number) => {
    let s = ready.get(campaignId);
    if (!s) {
      s = new Set();
      ready.set(campaignId, s);
    }
    return s;
  };
  const unlinkAgent = (userId: number) => {
    const a = agents.get(userId);
    if (a) ready.get(a.campaignId)?.delete(userId);
  };
  const unlinkCall = (callId: number) => {
    const c = calls.get(callId);
    if (c) phases.get(`${c.record.campaignId}/${c.phase}`)?.delete(callId);
  };

  return {
    runtime: (campaignId) => {
      return runtimes.get(campaignId);
    },
    saveRuntime: (runtime) => {
      runtimes.set(runtime.campaignId, runtime);
    },
    agent: (userId) => {
      const a = agents.get(userId);
      return a ? { ...a } : undefined;
    },
    saveAgent: (agent) => {
      unlinkAgent(agent.userId);
      agents.set(agent.userId, { ...agent });
      if (agent.state === 'ready') readyOf(agent.campaignId).add(agent.userId);
    },
    removeAgent: (userId) => {
      unlinkAgent(userId);
      agents.delete(userId);
    },
    agents: (campaignId) =>
      [...agents.values()]
        .filter((a) => a.campaignId === campaignId)
        .sort((a, b) => a.userId - b.userId)
        .map((a) => ({ ...a })),
    longestIdle: (campaignId) => {
      let best: DiallerAgent | undefined;
      for (const userId of ready.get(campaignId) ?? []) {
        const a = agents.get(userId) as DiallerAgent;
        if (!best || a.since < best.since || (a.since === best.since && a.userId < best.userId)) best = a;
      }
      return best ? { ...best } : undefined;
    },
    readyCount: (campaignId) => ready.get(campaignId)?.size ?? 0,
    call: (callId) => {
      const c = calls.get(callId);
      return c ? { ...c } : undefined;
    },
    saveCall: (call) => {
      unlinkCall(call.record.callId);
      const copy = { ...call };
      calls.set(call.record.callId, copy);
      phaseOf(call.record.campaignId, call.phase).set(call.record.callId, copy);
    },
    holds: (callId) => calls.has(callId),
    // The simulation keeps no calls table: the last record goes with the call's notifications.
    releaseCall: (callId) => {
      unlinkCall(callId);
      calls.delete(callId);
    },
    dialling: (campaignId) => phases.get(`${campaignId}/dialling`)?.size ?? 0,
    firstWaiting: (campaignId, phase) => {
      let best: DiallerCall | undefined;
      for (const c of phases.get(`${campaignId}/${phase}`)?.values() ?? []) {
        const since = c.waitingSince ?? 0;
        const bestSince = best?.waitingSince ?? 0;
        if (!best || since < bestSince || (since === bestSince && c.record.callId < best.record.callId)) best = c;
      }
      return best ? { ...best } : undefined;
    },
    waitingCount: (campaignId, phase) => phases.get(`${campaignId}/${phase}`)?.size ?? 0,
  };
}
