import type { PhoneSettings } from '../shared/console-schemas.js';
import { ConsoleHttpError } from './console-http-error.js';
import type { MockControl } from './mock-control.js';
import type { ConsoleSession } from './session-store.js';

export interface PhoneSettingsSourceOptions {
  sipUrl: string;
  realm: string | undefined;
  /** The mock's control API: its users carry their WebRTC passwords. Undefined for a real Omni. */
  control: MockControl | undefined;
  /** Configured passwords by user name (a real Omni's REST API does not hand them out). */
  passwords: ReadonlyMap<string, string>;
}

/**
 * The webphone's settings for a signed-in agent (omni-api.md B.11, A.8): server, extension,
 * WebRTC password and expiry. Omni's REST API has no route for the WebRTC password, so it comes
 * from the mock's control API, else from the console's configuration; a configured one wins.
 */
export class PhoneSettingsSource {
  readonly #options: PhoneSettingsSourceOptions;

  constructor(options: PhoneSettingsSourceOptions) {
    this.#options = options;
  }

  async forSession(session: ConsoleSession): Promise<PhoneSettings> {
    const password = await this.#password(session);
    return {
      server: this.#options.sipUrl,
      extension: session.extension,
      password,
      ...(this.#options.realm === undefined ? {} : { realm: this.#options.realm }),
      user_id: session.userId,
      user_name: session.userName,
      expires_at: session.omni.expiryDate,
    };
  }

  async #password(session: ConsoleSession): Promise<string> {
    const configured = this.#options.passwords.get(session.userName);
    if (configured !== undefined) return configured;
    const control = this.#options.control;
    let why = '';
    if (control) {
      try {
        const { users } = await control.users();
        const user = users.find((u) => u.user_id === session.userId);
        if (user) return user.webrtc_password;
      } catch (error) {
        // A mock started with --strict has no control API to read the password from, as a real Omni.
        if (!control.absent) throw error;
        why = ', and this mock has no control API to read it from (it was started with --strict)';
      }
    }
    throw new ConsoleHttpError(
      'CONFLICT',
      `No WebRTC password is configured for ${session.userName}${why}, so the phone cannot register. Ask your administrator to start the console with --webrtc-password ${session.userName}=….`,
    );
  }
}
