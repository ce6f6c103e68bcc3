import type { CallView } from '@omnikit/contracts';
import { useEffect, useRef, useState } from 'react';

export interface CallTimers {
  talkMs: number;
  holdMs: number;
}

type Bucket = 'talk' | 'hold' | 'none';

function bucketOf(call: CallView | null): Bucket {
  if (!call || call.agent_leg_state === 'ended' || call.agent_leg_state === 'none') return 'none';
  if (call.call_state === 'on_hold' || call.agent_leg_state === 'on_hold') return 'hold';
  if (call.call_state === 'answered') return 'talk';
  return 'none';
}

/**
 * Talk and hold time of the call on screen, counted in this browser from the moments it saw the
 * call change state (as an agent's desk phone does). Talk excludes hold, as in Omni's CDR. The
 * counters start again for each new call id.
 */
export function useCallTimers(call: CallView | null): CallTimers {
  const acc = useRef({ callId: 0, talk: 0, hold: 0, bucket: 'none' as Bucket, since: 0 });
  const [, setTick] = useState(0);
  const now = performance.now();
  const a = acc.current;
  const callId = call?.call_id ?? 0;
  if (callId !== a.callId) {
    acc.current = { callId, talk: 0, hold: 0, bucket: bucketOf(call), since: now };
  } else {
    const bucket = bucketOf(call);
    if (bucket !== a.bucket) {
      if (a.bucket !== 'none') a[a.bucket] += now - a.since;
      a.bucket = bucket;
      a.since = now;
    }
  }
  const running = acc.current.bucket !== 'none';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((t) => t + 1), 250);
    return () => clearInterval(timer);
  }, [running]);
  const cur = acc.current;
  const live = cur.bucket === 'none' ? 0 : now - cur.since;
  return {
    talkMs: cur.talk + (cur.bucket === 'talk' ? live : 0),
    holdMs: cur.hold + (cur.bucket === 'hold' ? live : 0),
  };
}

/** `m:ss` (or `h:mm:ss` past an hour). */
export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
