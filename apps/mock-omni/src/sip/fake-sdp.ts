/**
 * A valid SDP audio offer/answer that promises no real media (RFC 4566): port 9 (discard), a
 * 0.0.0.0 connection address, Opus and PCMU. Enough for any SIP stack to complete offer/answer;
 * nothing is ever sent. The direction attribute carries hold: `sendonly`/`inactive` from the side
 * that holds, `recvonly`/`inactive` in the answer.
 */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export function buildFakeSdp(sessionId: string, version: number, direction: MediaDirection): string {
  return [
    'v=0',
    `o=- ${sessionId} ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'm=audio 9 RTP/AVP 111 0 101',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    `a=${direction}`,
    '',
  ].join('\r\n');
}

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
  const wantSend = !localHold;
  const peerSends = offered === 'sendrecv' || offered === 'sendonly';
  const peerReceives = offered === 'sendrecv' || offered === 'recvonly';
  const send = wantSend && peerReceives;
  const receive = peerSends;
  if (send && receive) return 'sendrecv';
  if (send) return 'sendonly';
  if (receive) return 'recvonly';
  return 'inactive';
}
