import { describe, expect, it } from 'vitest';
import { checkFields, type FieldTable, failsAt, opt, req } from '../support/field-table.js';
import { bodyOf, responseOf } from '../support/route-at.js';

/** A.2 authorize, A.3 users and campaign login, B.4 agents: fields transcribed from omni-api.md. */

const AUTHORIZE = 'POST /omni/user/authorize';

// A.2: `{ user_name, password }`, password Base64; B.1: `username` accepted for `user_name`.
const authorizeBody: FieldTable = {
  user_name: opt('string', { source: 'documented' }),
  username: opt('string', { source: 'documented' }),
  password: req('base64', { source: 'documented' }),
};
checkFields(`${AUTHORIZE} body`, bodyOf(AUTHORIZE), authorizeBody, {
  minimalAlso: ['user_name'],
  renamedOnOutput: ['username'],
});

// A.2: `{ user_id: integer, user_name: string, token_key: string, expiry_date: ISO-8601 date-time }`.
checkFields(
  `${AUTHORIZE} 200`,
  responseOf(AUTHORIZE),
  {
    user_id: req('id'),
    user_name: req('string'),
    token_key: req('string'),
    expiry_date: req('dateTimeOut'),
  },
  { io: 'output' },
);

describe(`${AUTHORIZE} spellings (B.1)`, () => {
  const body = bodyOf(AUTHORIZE);

  it('takes `user_name`', () => {
    expect(body.parse({ user_name: 'agent1', password: 'cGFzc3dvcmQx' })).toEqual({
      user_name: 'agent1',
      password: 'cGFzc3dvcmQx',
    });
  });

  it('takes the older `username` and hands on `user_name`', () => {
    expect(body.parse({ username: 'agent1', password: 'cGFzc3dvcmQx' })).toEqual({
      user_name: 'agent1',
      password: 'cGFzc3dvcmQx',
    });
  });

  it('prefers `user_name` when both come', () => {
    expect(body.parse({ user_name: 'current', username: 'older', password: 'YQ==' })).toEqual({
      user_name: 'current',
      password: 'YQ==',
    });
  });

  it('needs one of the two spellings, and names `user_name` when neither comes', () => {
    expect(failsAt(body.safeParse({ password: 'YQ==' }), 'user_name')).toBe(true);
  });

  it('takes the same body on the older paths', () => {
    for (const key of ['POST /omni/user/login', 'POST /omni/user/login/authorize']) {
      expect(bodyOf(key).parse({ username: 'agent1', password: 'YQ==' })).toEqual({
        user_name: 'agent1',
        password: 'YQ==',
      });
    }
  });
});

// A.3: `{ users: [{ user_id: string, user_name: string }] }`: user_id is a STRING here.
const LIST_USERS = 'GET /omni/users';
checkFields(`${LIST_USERS} 200`, responseOf(LIST_USERS), { users: req('objectArray') }, { io: 'output' });
checkFields(
  `${LIST_USERS} 200 users[]`,
  responseOf(LIST_USERS),
  { user_id: req('string', { sample: '17' }), user_name: req('string') },
  { io: 'output', wrap: (u) => ({ users: [u] }), at: 'users.0' },
);

describe(`${LIST_USERS}: user_id is a string, an integer elsewhere (A.3)`, () => {
  it('rejects a numeric user_id in the list', () => {
    const result = responseOf(LIST_USERS).safeParse({ users: [{ user_id: 17, user_name: 'a' }] });
    expect(failsAt(result, 'users.0.user_id')).toBe(true);
  });

  it('rejects a string user_id in the authorize answer', () => {
    const result = responseOf(AUTHORIZE).safeParse({
      user_id: '17',
      user_name: 'a',
      token_key: 't',
      expiry_date: '2024-05-06T07:08:09.123Z',
    });
    expect(failsAt(result, 'user_id')).toBe(true);
  });
});

const commandResult: FieldTable = { success: req('bool'), detail: req('string') };

// A.3 login: `campaign_id` integer, `extension` string → `success` boolean, `detail` string.
for (const key of ['POST /omni/users/{user_id}/login', 'POST /omni/user/{user_id}/login']) {
  checkFields(`${key} body`, bodyOf(key), {
    campaign_id: req('id'),
    extension: req('string', { sample: '1001' }),
  });
  checkFields(`${key} 200`, responseOf(key), commandResult, { io: 'output' });
}

// B.4: `{ state: "ready" | "paused", pause_code? }`.
const STATE = 'POST /omni/users/{user_id}/state';
checkFields(`${STATE} body`, bodyOf(STATE), {
  state: req({ enum: ['ready', 'paused'] }),
  pause_code: opt('string', { sample: 'BREAK' }),
});
checkFields(`${STATE} 200`, responseOf(STATE), commandResult, { io: 'output' });
checkFields('POST /omni/users/{user_id}/logout 200', responseOf('POST /omni/users/{user_id}/logout'), commandResult, {
  io: 'output',
});

// B.4: `{ user_id, user_name, extension, agent_state, campaign_id, registered, call_id }`;
// absent ids are 0 (B.1): no campaign when logged out, no call when idle.
const GET_USER = 'GET /omni/users/{user_id}';
checkFields(
  `${GET_USER} 200`,
  responseOf(GET_USER),
  {
    user_id: req('id'),
    user_name: req('string'),
    extension: req('string', { sample: '1001' }),
    agent_state: req({ enum: ['logged_out', 'paused', 'ready', 'on_call', 'wrap_up'] }),
    campaign_id: req('id0'),
    registered: req('bool'),
    call_id: req('id0'),
  },
  { io: 'output' },
);
