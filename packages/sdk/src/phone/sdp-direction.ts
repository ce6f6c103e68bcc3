/** The direction attribute of an SDP audio stream (RFC 3264), which is how SIP says "hold". */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** The direction of the first audio stream (session-level attribute as fallback; sendrecv by default). */
export function sdpDirection(sdp: string): MediaDirection {
  let sessionLevel: MediaDirection = 'sendrecv';
  let inAudio = false;
  let mediaLevel: MediaDirection | undefined;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      if (inAudio) break;
      inAudio = line.startsWith('m=audio');
      continue;
    }
    const match = /^a=(sendrecv|sendonly|recvonly|inactive)$/.exec(line);
    if (!match) continue;
    const direction = match[1] as MediaDirection;
    if (inAudio) mediaLevel = direction;
    else if (mediaLevel === undefined) sessionLevel = direction;
  }
  return mediaLevel ?? sessionLevel;
}

/** The answer's direction to an offer (RFC 3264 §6.1), given whether the answerer holds. */
export function answerDirection(offered: MediaDirection, localHold: boolean): MediaDirection {
  const peerSends = offered === 'sendrecv' || offered === 'sendonly';
  const peerReceives = offered === 'sendrecv' || offered === 'recvonly';
  const send = !localHold && peerReceives;
  if (send && peerSends) return 'sendrecv';
  if (send) return 'sendonly';
  if (peerSends) return 'recvonly';
  return 'inactive';
}

/** True when an offer with this direction puts us on hold (the peer stops listening to us). */
export function offerHolds(direction: MediaDirection): boolean {
  return direction === 'sendonly' || direction === 'inactive';
}
