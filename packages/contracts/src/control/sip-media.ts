/**
 * The media of the mock's bridge legs to SIP phones. `fake` (default): valid SDP in WebRTC's shape (a browser
 * accepts it), no audio at all. `webrtc` (`--media webrtc`): each leg is a real WebRTC peer (ICE, DTLS-SRTP,
 * Opus) that plays a generated voice to the agent while a customer call is bridged and counts the
 * RTP the phone sends. A mock feature, not Omni: every field is `inferred`.
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id } from '../common.js';

/** How a bridge leg's media is made: `fake` (SDP only) or `webrtc` (a real peer). */
export const SIP_MEDIA_MODES = ['fake', 'webrtc'] as const;
export const sipMediaMode = z.enum(SIP_MEDIA_MODES);
export type SipMediaMode = z.infer<typeof sipMediaMode>;

export const sipMediaQuery = z.object({
  extension: z
    .string()
    .regex(/^[0-9]{2,10}$/, 'must be 2 to 10 digits')
    .optional()
    .meta({ description: 'Only the leg of this extension (404 when no user has it).' }),
});

const direction = z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']);
const wallTime = dateTimeOut
  .nullable()
  .meta({ description: 'Wall clock (not the system clock); null until it happens.' });

export const sipMediaLeg = z
  .object({
    extension: z.string(),
    user_id: id,
    bridge_id: z.string(),
    sip_call_id: z.string(),
    leg_state: z.enum(['up', 'held']).meta({ description: 'The SIP leg: `held` after the hold re-INVITE.' }),
    media_state: z
      .enum(['none', 'new', 'connecting', 'connected', 'disconnected', 'failed', 'closed'])
      .meta({ description: '`none` with fake media; otherwise the peer connection’s state (ICE + DTLS).' }),
    playing: z.boolean().meta({ description: 'The customer’s voice is being sent to the phone right now.' }),
    local_direction: direction
      .nullable()
      .meta({ description: 'What the mock’s last SDP said (`sendonly` while it holds); null with fake media.' }),
    remote_direction: direction
      .nullable()
      .meta({ description: 'What the phone’s last SDP said; null with fake media.' }),
    packets_sent: z.number().int().nonnegative(),
    bytes_sent: z.number().int().nonnegative().meta({ description: 'RTP payload (Opus) bytes.' }),
    packets_received: z.number().int().nonnegative(),
    bytes_received: z.number().int().nonnegative().meta({ description: 'RTP payload bytes from the phone.' }),
    started_at: dateTimeOut
      .nullable()
      .meta({ description: 'Wall clock: when the bridge INVITE’s offer was made; null with fake media.' }),
    first_packet_sent_at: wallTime,
    last_packet_sent_at: wallTime,
    first_packet_received_at: wallTime,
    last_packet_received_at: wallTime,
  })
  .meta({ id: 'MockSipMediaLeg', description: 'inferred: a mock feature.' });
export type SipMediaLeg = z.infer<typeof sipMediaLeg>;

export const sipMediaView = z
  .object({
    media: sipMediaMode,
    legs: z.array(sipMediaLeg).meta({ description: 'Live bridge legs of the system’s SIP phones, by extension.' }),
  })
  .meta({ id: 'MockSipMedia' });
export type SipMediaView = z.infer<typeof sipMediaView>;
