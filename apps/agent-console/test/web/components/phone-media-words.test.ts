import { describe, expect, it } from 'vitest';
import { phoneMediaWords } from '../../../src/web/phone/phone-media-words.js';

describe('phoneMediaWords', () => {
  it('asks for a click only when the browser refused to play the audio', () => {
    expect(phoneMediaWords("cannot play the call audio: play() failed because the user didn't interact")).toMatch(
      /Click anywhere on the page to allow sound\.$/,
    );
  });

  it('names a failed answer without the click advice', () => {
    const words = phoneMediaWords('answering failed: Called with SDP without DTLS fingerprint.');
    expect(words).toBe(
      'The phone could not take the call’s audio: answering failed: Called with SDP without DTLS fingerprint.',
    );
    expect(words).not.toMatch(/Click/);
  });
});
