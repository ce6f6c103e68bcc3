import { buildPath, RECORDING_FILE } from '@omnikit/contracts';
import { consoleRoutes } from '../../shared/console-routes.js';
import { conferenceCommandBody, disposeCommandBody, recordingCommandBody } from '../../shared/console-schemas.js';
import { ConsoleHttpError } from '../console-http-error.js';
import type { ConsoleHandler, ConsoleHandlers } from '../mount-console-routes.js';
import { pathId, readBody } from '../read-input.js';

/** A call command that takes nothing but the call's id. */
function command(name: 'hold' | 'retrieve' | 'hangup' | 'connect'): ConsoleHandler {
  return async (c) => {
    const callId = pathId(c, 'call_id');
    return c.json(await c.get('session').agent.calls[name](callId));
  };
}

/**
 * The handlers of call control on one call of the agent's, by route id: live state, hold, retrieve, hang up, connect, record,
 * conference, dispose; and the recording's audio, proxied so the browser never needs Omni's keys.
 */
export function callRoutes() {
  return {
    getCall: async (c) => {
      const callId = pathId(c, 'call_id');
      return c.json(await c.get('session').agent.calls.get(callId));
    },

    hold: command('hold'),
    retrieve: command('retrieve'),
    hangup: command('hangup'),
    connect: command('connect'),

    record: async (c) => {
      const callId = pathId(c, 'call_id');
      const body = await readBody(c, recordingCommandBody);
      const result = await c.get('session').agent.calls.record(callId, body);
      return c.json({
        ...result,
        playback_url:
          result.recording_url === ''
            ? null
            : buildPath(consoleRoutes.getRecording.path, { file: result.recording_url }),
      });
    },

    conference: async (c) => {
      const callId = pathId(c, 'call_id');
      const { phone_number, outbound_cli } = await readBody(c, conferenceCommandBody);
      const body = outbound_cli === undefined ? { phone_number } : { phone_number, outbound_cli };
      return c.json(await c.get('session').agent.calls.conference(callId, body));
    },

    dispose: async (c) => {
      const callId = pathId(c, 'call_id');
      const body = await readBody(c, disposeCommandBody);
      const input = {
        disposition_code: body.disposition_code,
        ...(body.callback_date_time === undefined ? {} : { callback_date_time: body.callback_date_time }),
        ...(body.notes === undefined ? {} : { notes: body.notes }),
      };
      return c.json(await c.get('session').agent.calls.dispose(callId, input));
    },

    getRecording: async (c) => {
      // The table's path always has {file}; an empty name fails the check like any other bad one.
      const file = c.req.param('file') ?? '';
      if (!RECORDING_FILE.test(file))
        throw new ConsoleHttpError(
          'BAD_REQUEST',
          '“file” must be a recording’s file name, like 41_20260105080000.wav.',
          {
            field: 'file',
          },
        );
      const audio = await c.get('session').agent.recordings.get(file);
      return new Response(audio, {
        headers: { 'content-type': 'audio/wav', 'cache-control': 'private, max-age=300' },
      });
    },
  } satisfies Partial<ConsoleHandlers>;
}
