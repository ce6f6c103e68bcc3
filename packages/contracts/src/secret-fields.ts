/**
 * The field names that hold a secret anywhere on the wire: passwords (authorize's Base64 one,
 * a user's WebRTC password), the webhook's signing secret, user tokens (`token_key` in answers,
 * `tokenKey` on requests), the system key (`auth-key` in a query, `Authorization`, `system_key`,
 * the webphone's `auth_key`) and the mock's admin key. Whatever the mock keeps for show — its request journal, its log
 * lines — masks a value under any of these names, in any body and at any depth, so a new route
 * is covered by naming its fields as the wire does. The routes that exist to hand a secret out
 * (authorize's `token_key`, the control API's users and systems) still answer it.
 */
export const SECRET_FIELDS = [
  'password',
  'webrtc_password',
  'secret',
  'token_key',
  'tokenKey',
  'auth-key',
  'auth_key',
  'Authorization',
  'system_key',
  'X-Mock-Admin-Key',
] as const;

/** What a masked value reads as. */
export const SECRET_MASK = '***';

const normalise = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');
const SECRET_SET = new Set<string>(SECRET_FIELDS.map(normalise));

/**
 * Whether a field (or query parameter, or header) of this name holds a secret: matched without
 * regard to case, `_` or `-`, so `tokenKey`, `token_key` and `TokenKey` are one name.
 */
export function isSecretField(name: string): boolean {
  return SECRET_SET.has(normalise(name));
}
