import type { AgentState, AgentView } from '@omnikit/contracts';
import { AGENT_STATES } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import type { NetworkPhones, Secrets, Stores, UserRecord } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';

/** The directory of users: `GET /omni/users`, `GET /omni/users/{id}` and the control API's user creation. */
export class UserService {
  constructor(
    private readonly stores: Pick<Stores, 'users' | 'sequences'>,
    private readonly secrets: Secrets,
    private readonly registrations: Pick<NetworkPhones, 'isRegistered'>,
  ) {}

  /** `user_id` is a string in this one answer (page 2333081617). */
  list(sys: SystemContext): { users: { user_id: string; user_name: string }[] } {
    return {
      users: this.stores.users.names(sys.systemId).map((u) => ({ user_id: String(u.userId), user_name: u.userName })),
    };
  }

  /** Whether a user of the system has `extension`. */
  hasExtension(sys: SystemContext, extension: string): boolean {
    return this.stores.users.findByExtension(sys.systemId, extension) !== undefined;
  }

  all(sys: SystemContext): UserRecord[] {
    return this.stores.users.list(sys.systemId);
  }

  view(sys: SystemContext, userId: number): AgentView {
    const found = this.stores.users.get(sys.systemId, userId);
    if (!found) throw DomainError.notFound('user_id', 'user', userId);
    // Asking finds an expired registration, and losing it may log the agent out: the state is read after.
    const registered = this.registrations.isRegistered(sys.systemId, found.extension);
    const user = registered ? found : (this.stores.users.get(sys.systemId, userId) ?? found);
    const state = (AGENT_STATES as readonly string[]).includes(user.agentState)
      ? (user.agentState as AgentState)
      : 'logged_out';
    return {
      user_id: user.userId,
      user_name: user.userName,
      extension: user.extension,
      agent_state: state,
      campaign_id: user.campaignId,
      registered,
      call_id: user.callId,
    };
  }

  create(
    sys: SystemContext,
    input: { user_name: string; password: string; extension: string; webrtc_password: string },
  ): number {
    if (this.stores.users.findByName(sys.systemId, input.user_name)) {
      throw new DomainError('INVALID_STATE', `user_name ${input.user_name} is already taken in this system`, [
        { field: 'user_name', message: 'is already taken' },
      ]);
    }
    if (this.stores.users.findByExtension(sys.systemId, input.extension)) {
      throw new DomainError('INVALID_STATE', `extension ${input.extension} already belongs to another user`, [
        { field: 'extension', message: 'already belongs to another user' },
      ]);
    }
    const salt = this.secrets.randomToken().slice(0, 16);
    const userId = this.stores.sequences.next(sys.systemId, 'user');
    this.stores.users.insert({
      systemId: sys.systemId,
      userId,
      userName: input.user_name,
      passwordSalt: salt,
      passwordHash: this.secrets.sha256Hex(salt + input.password),
      extension: input.extension,
      webrtcPassword: input.webrtc_password,
      agentState: 'logged_out',
      campaignId: 0,
      callId: 0,
      createdAt: sys.clock.now(),
    });
    return userId;
  }
}
