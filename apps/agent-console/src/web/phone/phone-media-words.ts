/**
 * What the console says about the phone's `MEDIA` errors. Only audio the browser would not play (its autoplay rule:
 * no click on the page yet) is cured by a click; an answer the browser could not negotiate (the sdk's "answering
 * failed: …") is not, and saying so would send the agent clicking in vain.
 *
 * @module
 */

/** The sdk's words for audio the browser refused to play (`OmniPhone`, `playRemoteAudio`). */
const CANNOT_PLAY = 'cannot play the call audio';

export function phoneMediaWords(message: string): string {
  const said = message.replace(/\.$/, '');
  if (said.startsWith(CANNOT_PLAY))
    return `The call audio cannot play: ${said}. Click anywhere on the page to allow sound.`;
  return `The phone could not take the call’s audio: ${said}.`;
}
