/**
 * The four Omni requests the http benches load (authorize, two reads, add lead), as data, so that every
 * bench that compares servers or builds loads the same requests.
 *
 * @module
 */

import { encodePassword } from '@omnikit/contracts';

/** One request to repeat: on `path` of a server, with the system key, and a user token when `user`. */
export interface RouteLoad {
  name: string;
  path: string;
  method: 'GET' | 'POST';
  user: boolean;
  body?: string;
}

/** Authorize (agent2), `GET /omni/users`, `GET /omni/campaign/2` and add lead, on the demo data. */
export const ROUTE_LOADS: readonly RouteLoad[] = [
  {
    name: 'POST /omni/user/authorize',
    path: '/omni/user/authorize',
    method: 'POST',
    user: false,
    body: JSON.stringify({ user_name: 'agent2', password: encodePassword('password2') }),
  },
  { name: 'GET /omni/users', path: '/omni/users', method: 'GET', user: true },
  { name: 'GET /omni/campaign/{id}', path: '/omni/campaign/2', method: 'GET', user: true },
  {
    name: 'POST /omni/lead',
    path: '/omni/lead',
    method: 'POST',
    user: true,
    body: JSON.stringify({
      first_name: 'Bench',
      last_name: 'Lead',
      other_info: 'added by the bench',
      list_id: 1,
      phone_numbers: [{ phone_number: '0215550123', phone_type_id: 1 }],
    }),
  },
];
