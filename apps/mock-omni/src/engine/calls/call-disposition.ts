import type { CallRecord } from './call-record.js';

/**
 * The `dispostion_code` a call ends with: the agent's when disposed, else the system's (B.9):
 * `B` busy (and declined: the callee refused), `NA` no answer on a call placed for an agent, `N` no
 * answer on an automatic dial, `DC` invalid number or network failure, `A` answering machine,
 * `DROP` answered with no agent to take it, `ABAND` an inbound caller who left before an agent took
 * the call. An agent's answered call that was never disposed (wrap-up timed out) gets `TIMEOT`; a
 * conference leg gets `XFER` when the agent handed the customer over to it, else `CONF`.
 */
export function callDisposition(record: CallRecord): string {
  if (record.dispositionCode !== null) return record.dispositionCode;
  const { machine } = record;
  const answered = record.timeline.some((e) => e.event === 'answered');
  if (!answered) {
    switch (record.outcome) {
      case 'busy':
      case 'declined':
        return 'B';
      case 'invalid':
      case 'failed':
        return 'DC';
      default:
        if (record.direction === 'inbound') return 'ABAND';
        return machine.role === 'system' ? 'N' : 'NA';
    }
  }
  if (record.outcome === 'machine') return 'A';
  if (machine.role === 'conference_leg') return machine.conference === 'connected' ? 'XFER' : 'CONF';
  if (machine.role === 'system') return record.direction === 'inbound' ? 'ABAND' : 'DROP';
  return 'TIMEOT';
}
