/**
 * The customer's voice in `--media webrtc`: a deterministic, voice-like signal — two partials (330 Hz and 495 Hz)
 * whose loudness swells and fades four times a second like syllables — made as 16-bit PCM at 48 kHz and encoded once
 * per process to Opus, 20 ms a frame. One second loops seamlessly (every frequency is a whole number of cycles per
 * second), so a call plays the same 50 frames over and over and no encoder runs per call.
 *
 * @module
 */

import OpusScript from 'opusscript';

export const OPUS_SAMPLE_RATE = 48_000;
/** Samples per 20 ms frame (also the RTP timestamp step: Opus's RTP clock is 48 kHz). */
export const OPUS_FRAME_SAMPLES = 960;
export const OPUS_FRAME_MS = 20;
const FRAMES_PER_LOOP = 50;
const PEAK = 12_000;

/** One second of the signal as 16-bit little-endian mono PCM (48,000 samples). */
export function tonePcm(): Buffer {
  const samples = OPUS_FRAME_SAMPLES * FRAMES_PER_LOOP;
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) {
    const t = i / OPUS_SAMPLE_RATE;
    // 0.25..1: never silent, so any 20 ms window carries sound.
    const envelope = 0.625 - 0.375 * Math.cos(2 * Math.PI * 4 * t);
    const wave = 0.6 * Math.sin(2 * Math.PI * 330 * t) + 0.4 * Math.sin(2 * Math.PI * 495 * t);
    pcm.writeInt16LE(Math.round(PEAK * envelope * wave), i * 2);
  }
  return pcm;
}

let frames: readonly Buffer[] | undefined;

/** The loop's Opus frames (encoded on first use, ~50 ms, then shared by every call). */
export function toneOpusFrames(): readonly Buffer[] {
  if (frames) return frames;
  const pcm = tonePcm();
  const encoder = new OpusScript(OPUS_SAMPLE_RATE, 1, OpusScript.Application.AUDIO);
  try {
    const encoded: Buffer[] = [];
    const frameBytes = OPUS_FRAME_SAMPLES * 2;
    for (let offset = 0; offset < pcm.length; offset += frameBytes) {
      // The encoder hands back a view of its own heap: copy it out.
      encoded.push(Buffer.from(encoder.encode(pcm.subarray(offset, offset + frameBytes), OPUS_FRAME_SAMPLES)));
    }
    frames = encoded;
    return encoded;
  } finally {
    encoder.delete();
  }
}
