/**
 * The WAV the mock serves for a call's recording (B.5): 8 kHz, 16-bit, mono PCM, as long as the recording ran. It is
 * not silence: a soft two-tone hum (the "line") with seeded noise (the "voices"), the same bytes for the same call
 * every time. Built in one-second chunks so that a long recording streams instead of sitting in memory.
 *
 * @module
 */

import { Rng } from '../rng.js';

export const WAV_SAMPLE_RATE = 8000;
const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;

export interface RecordingWav {
  /** Total bytes: the 44-byte header and the samples. */
  size: number;
  samples: number;
  chunks(): Generator<Uint8Array>;
}

export function wavHeader(samples: number): Uint8Array {
  const dataBytes = samples * BYTES_PER_SAMPLE;
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) header[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, WAV_SAMPLE_RATE, true);
  view.setUint32(28, WAV_SAMPLE_RATE * BYTES_PER_SAMPLE, true); // byte rate
  view.setUint16(32, BYTES_PER_SAMPLE, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return header;
}

export function recordingWav(callId: number, durationMs: number): RecordingWav {
  const samples = Math.max(0, Math.round((durationMs * WAV_SAMPLE_RATE) / 1000));
  return {
    size: HEADER_BYTES + samples * BYTES_PER_SAMPLE,
    samples,
    *chunks() {
      yield wavHeader(samples);
      const rng = Rng.fromSeed(`recording/${callId}`);
      for (let start = 0; start < samples; start += WAV_SAMPLE_RATE) {
        const n = Math.min(WAV_SAMPLE_RATE, samples - start);
        const chunk = new Uint8Array(n * BYTES_PER_SAMPLE);
        const view = new DataView(chunk.buffer);
        for (let i = 0; i < n; i++) {
          const t = (start + i) / WAV_SAMPLE_RATE;
          // 400 Hz and 450 Hz at a low level, plus noise bursts that come and go every ~0.7 s.
          const hum = 0.12 * Math.sin(2 * Math.PI * 400 * t) + 0.08 * Math.sin(2 * Math.PI * 450 * t);
          const speech = 0.25 * Math.max(0, Math.sin(2 * Math.PI * 0.7 * t)) * (rng.next() * 2 - 1);
          view.setInt16(i * BYTES_PER_SAMPLE, Math.round((hum + speech) * 32767 * 0.8), true);
        }
        yield chunk;
      }
    },
  };
}
