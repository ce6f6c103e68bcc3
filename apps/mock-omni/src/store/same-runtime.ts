import type { CampaignRuntime } from '../engine/dialler/dialler-store.js';

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Whether two campaign runtimes hold the same values, field by field. The SQLite dialler store
 * compares what a command saves with what it last read or wrote, and skips the write when nothing
 * changed: most commands (a lead added, an agent's state, a pacing pass with no agent ready) read a
 * campaign's runtime and leave it as it was. Arrival settings are compared by identity: they are
 * never changed in place, only replaced.
 */
export function sameRuntime(a: CampaignRuntime, b: CampaignRuntime): boolean {
  if (a.campaignId !== b.campaignId || a.wakeAt !== b.wakeAt) return false;
  const s = a.stats;
  const t = b.stats;
  if (
    s.since !== t.since ||
    s.dials !== t.dials ||
    s.connects !== t.connects ||
    s.machines !== t.machines ||
    s.drops !== t.drops ||
    s.inboundOffered !== t.inboundOffered ||
    s.inboundAnswered !== t.inboundAnswered ||
    s.abandoned !== t.abandoned ||
    s.asaTotalMs !== t.asaTotalMs ||
    s.handled !== t.handled ||
    s.handleTotalMs !== t.handleTotalMs ||
    !sameCounts(s.agentMs, t.agentMs) ||
    !sameCounts(s.dispositions, t.dispositions)
  )
    return false;
  const p = a.pacing;
  const q = b.pacing;
  if (
    p.resolved !== q.resolved ||
    p.needAgent !== q.needAgent ||
    p.answerDelayMs !== q.answerDelayMs ||
    p.answered !== q.answered ||
    p.linesPerAgent !== q.linesPerAgent ||
    p.gain !== q.gain
  )
    return false;
  if (a.arrival === null || b.arrival === null) return a.arrival === b.arrival;
  return (
    a.arrival.settings === b.arrival.settings &&
    a.arrival.seq === b.arrival.seq &&
    a.arrival.arrived === b.arrival.arrived &&
    a.arrival.nextAt === b.arrival.nextAt
  );
}
