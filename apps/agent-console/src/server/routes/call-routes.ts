import { RECORDING_FILE } from '@omnikit/contracts';
import type { Hono } from 'hono';
import { conferenceCommandBody, disposeCommandBody, recordingCommandBody } from '../../shared/console-schemas.js';
import type { ConsoleEnv } from '../console-env.js';
import { ConsoleHttpError } from '../console-http-error.js';
import { pathId, readBody } from '../read-input.js';

/**
 * Call control on one call of the agent's: live state, hold, retrieve, hang up, connect, record,
 * conference, dispose; and the recording's audio, proxied so the browser never needs Omni's keys.
 */
export function mountCallRoutes(app: Hono<ConsoleEnv>): void {
  app.get('/api/calls/:call_id', async (c) => {
    const callId = pathId(c, 'call_id');
    return c.json(await c.get('session').agent.calls.get(callId));
  });

  for (const command of ['hold', 'retrieve', 'hangup', 'connect'] as const) {
    app.post(`/api/calls/:call_id/${command}`, async (c) => {
      const callId = pathId(c, 'call_id');
      return c.json(await c.get('session').agent.calls[command](callId));
    });
  }

  app.post('/api/calls/:call_id/recording', async (c) => {
    const callId = pathId(c, 'call_id');
    const body = await readBody(c, recordingCommandBody);
    const result = await c.get('session').agent.calls.record(callId, body);
    return c.json({
      ...result,
      playback_url: result.recording_url === '' ? null : `/api/recordings/${encodeURIComponent(result.recording_url)}`,
    });
  });

  app.post('/api/calls/:call_id/conference', async (c) => {
    const callId = pathId(c, 'call_id');
    const { phone_number, outbound_cli } = await readBody(c, conferenceCommandBody);
    const body = outbound_cli === undefined ? { phone_number } : { phone_number, outbound_cli };
    return c.json(await c.get('session').agent.calls.conference(callId, body));
  });

  app.post('/api/calls/:call_id/dispose', async (c) => {
    const callId = pathId(c, 'call_id');
    const body = await readBody(c, disposeCommandBody);
    const input = {
      disposition_code: body.disposition_code,
      ...(body.callback_date_time === undefined ? {} : { callback_date_time: body.callback_date_time }),
      ...(body.notes === undefined ? {} : { notes: body.notes }),
    };
    return c.json(await c.get('session').agent.calls.dispose(callId, input));
  });

  app.get('/api/recordings/:file', async (c) => {
    const file = c.req.param('file');
    if (!RECORDING_FILE.test(file))
      throw new ConsoleHttpError('BAD_REQUEST', '“file” must be a recording’s file name, like 41_20260105080000.wav.', {
        field: 'file',
      });
    const audio = await c.get('session').agent.recordings.get(file);
    return new Response(audio, {
      headers: { 'content-type': 'audio/wav', 'cache-control': 'private, max-age=300' },
    });
  });
}
