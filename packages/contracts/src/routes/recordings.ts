import { z } from 'zod';
import { defineRoute } from '../route.js';

/** B.5: one file per call, `<call_id>_<yyyymmddHHMMss>.wav`. */
export const RECORDING_FILE = /^[0-9]{1,15}_[0-9]{14}\.wav$/;

export const getRecording = defineRoute({
  id: 'getRecording',
  method: 'GET',
  path: '/omni/recording/{file}',
  group: 'recordings',
  auth: 'user',
  summary: 'Download a call’s recording (WAV)',
  source: 'inferred',
  idempotent: true,
  params: z.object({ file: z.string().regex(RECORDING_FILE, 'must be <call_id>_<yyyymmddHHMMss>.wav') }),
  responses: {
    200: { kind: 'binary', contentType: 'audio/wav', description: 'The recording as 8 kHz 16-bit mono PCM WAV.' },
  },
});
