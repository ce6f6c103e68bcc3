/**
 * The direction attribute of an SDP audio stream (RFC 3264), which is how SIP says "hold":
 * reading it from a description, and choosing it for an offer or an answer. Plain text about the
 * wire, shared by the sdk's phone and the mock's side of a bridge leg so both read hold alike.
 *
 * @module
 */

/** The direction attribute of an SDP audio stream. */
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

/** True when a side with this direction sends audio. */
export function directionSends(direction: MediaDirection): boolean {
  return direction === 'sendrecv' || direction === 'sendonly';
}

/** True when a side with this direction receives audio. */
export function directionReceives(direction: MediaDirection): boolean {
  return direction === 'sendrecv' || direction === 'recvonly';
}

/** The direction of an offer: sendonly while the offerer holds the peer, else sendrecv. */
export function offerDirection(localHold: boolean): MediaDirection {
  return localHold ? 'sendonly' : 'sendrecv';
}

/** The answer's direction to an offer (RFC 3264 §6.1), given whether the answerer holds. */
export function answerDirection(offered: MediaDirection, localHold: boolean): MediaDirection {
  const send = !localHold && directionReceives(offered);
  const receive = directionSends(offered);
  if (send && receive) return 'sendrecv';
  if (send) return 'sendonly';
  if (receive) return 'recvonly';
  return 'inactive';
}

/** True when an offer with this direction puts us on hold (the peer stops listening to us). */
export function offerHolds(direction: MediaDirection): boolean {
  return direction === 'sendonly' || direction === 'inactive';
}
