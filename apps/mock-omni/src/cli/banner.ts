import { DEMO_SYSTEM_KEY, DEMO_USERS } from '../engine/systems/demo-data.js';

/** What the CLI prints once listening: where, which key, who can log in, where the docs are. */
export function startBanner(info: { url: string; db: string; clock: string; version: string }): string {
  const rows = DEMO_USERS.map(
    (u) =>
      `  ${String(u.userId).padEnd(3)} ${u.userName.padEnd(8)} ${u.password.padEnd(11)} ${u.extension.padEnd(10)} ${u.webrtcPassword}`,
  );
  return [
    `Omni mock ${info.version} listening on ${info.url}`,
    `  system key : ${DEMO_SYSTEM_KEY}   (Authorization: Key=${DEMO_SYSTEM_KEY})`,
    `  database   : ${info.db}`,
    `  clock      : ${info.clock} (new systems)`,
    '',
    'Demo users:',
    '  id  user     password    extension  webrtc password',
    ...rows,
    '',
    `API reference: ${info.url}/docs   OpenAPI: ${info.url}/openapi.json   Control API: ${info.url}/__mock/system`,
  ].join('\n');
}
