/**
 * SMS segments as carriers count them (3GPP TS 23.038 and TS 23.040). A body made only of the GSM 7-bit default
 * alphabet and its extension table goes as GSM-7: 160 septets in one message, 153 per part once it is concatenated
 * (the user data header takes 7 septets); an extension character costs two septets (the escape and the character)
 * and an escape pair is never split between parts. Any other character turns the whole body into UCS-2: 70 UTF-16
 * code units in one message, 67 per part; a character outside the Basic Multilingual Plane (most emoji) is a
 * surrogate pair, two units, and is never split between parts either.
 *
 * @module
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Parts the carrier sends and bills (0 for an empty body). */
  segments: number;
  /** Characters as a person counts them (Unicode code points). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the body takes, escapes included. */
  units: number;
}

/** The GSM 7-bit default alphabet (TS 23.038 §6.2.1), less the escape at 0x1B: one septet each. */
export const GSM7_BASIC_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The default alphabet's extension table (escape + character): two septets each. */
export const GSM7_EXTENSION_CHARACTERS = '\f^{}\\[~]|€';

/** Units per message: one message alone, and each part of a concatenated message. */
export const SMS_SEGMENT_LIMITS: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

const BASIC = new Set(GSM7_BASIC_CHARACTERS);
const EXTENSION = new Set(GSM7_EXTENSION_CHARACTERS);

/** The encoding a carrier must use for `body`: GSM-7 when every character is in its tables, else UCS-2. */
export function smsEncoding(body: string): SmsEncoding {
  for (const ch of body) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return 'UCS-2';
  return 'GSM-7';
}

/** How many units one character takes in an encoding. */
function unitsOf(ch: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return ch.length;
  return EXTENSION.has(ch) ? 2 : 1;
}

/** The parts a carrier sends `body` as, in order (none for an empty body); joined, they are the body. */
export function splitSmsSegments(body: string): string[] {
  const encoding = smsEncoding(body);
  const limits = SMS_SEGMENT_LIMITS[encoding];
  let units = 0;
  for (const ch of body) units += unitsOf(ch, encoding);
  if (units === 0) return [];
  if (units <= limits.single) return [body];
  // Concatenated: fill each part greedily; a character that does not fit whole starts the next part.
  const parts: string[] = [];
  let part = '';
  let used = 0;
  for (const ch of body) {
    const size = unitsOf(ch, encoding);
    if (used + size > limits.part) {
      parts.push(part);
      part = '';
      used = 0;
    }
    part += ch;
    used += size;
  }
  parts.push(part);
  return parts;
}

/** Counts the segments of an SMS body as the carrier splits it. */
export function countSmsSegments(body: string): SmsSegmentCount {
  const encoding = smsEncoding(body);
  let characters = 0;
  let units = 0;
  for (const ch of body) {
    characters++;
    units += unitsOf(ch, encoding);
  }
  return { encoding, segments: splitSmsSegments(body).length, characters, units };
}
