import type { AgentCredentials } from '@omnikit/scenarios';

const agent1: AgentCredentials = { userName: 'agent1', password: 'password1', extension: '1001', webrtcPassword: 'webrtc1' };
