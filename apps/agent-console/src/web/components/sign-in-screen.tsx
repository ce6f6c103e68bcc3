import { Alert, Button, Container, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { DemoAgentList, SessionView } from '../../shared/console-schemas.js';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { ErrorSlot } from './error-slot.js';
import { omniTargetLabel } from './omni-target-label.js';

interface Props {
  client: ConsoleClient;
  /** Why the agent is here again (signed out elsewhere, session expired), if known. */
  notice: string | null;
  onSignedIn(session: SessionView): void;
}

/**
 * Sign-in with the agent's Omni user name and password. A refusal keeps both fields as typed.
 * Against the mock it lists the mock's agents (read from its control API through the backend), and
 * choosing one fills the user name.
 */
export function SignInScreen({ client, notice, onSignedIn }: Props) {
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const [isMock, setIsMock] = useState(false);
  /** A mock without its control API (omni-mock --strict): no list of agents to offer. */
  const [noControlApi, setNoControlApi] = useState(false);
  const [demo, setDemo] = useState<DemoAgentList['agents']>([]);
  const passwordField = useRef<HTMLInputElement>(null);
  const action = useAsyncAction();

  useEffect(() => {
    client
      .call('info')
      .then((info) => {
        setTarget(info.omni_url);
        setIsMock(info.target === 'mock');
        setNoControlApi(info.target === 'mock' && !info.control_api);
        if (info.target !== 'mock' || !info.control_api) return;
        // The list only helps; without it the agent types the user name as always.
        client
          .call('demoAgents')
          .then((list) => setDemo(list.agents))
          .catch(() => setDemo([]));
      })
      .catch(() => setTarget(null));
  }, [client]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = await action.run(() => client.call('signIn', { body: { user_name: userName, password } }));
    if (session) onSignedIn(session);
  };

  return (
    <Container size={440} py={{ base: 'md', sm: 64 }} px="sm" component="main">
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} shadow="sm">
        <form onSubmit={submit} aria-describedby="sign-in-error" noValidate>
          <Stack gap="sm">
            <Title order={1} size="h2">
              Agent console
            </Title>
            <Text size="sm" c="dimmed" mih={20}>
              {target ? (
                <>
                  {omniTargetLabel(isMock ? 'mock' : 'omni')}{' '}
                  <Text span fw={600}>
                    {target}
                  </Text>
                </>
              ) : (
                ''
              )}
            </Text>
            {noControlApi ? (
              <Text size="sm" data-testid="control-api-note">
                This mock has no control API (it was started with <code>--strict</code>, to behave as a real Omni): the
                console offers no list of its agents and no supervisor view, and each agent’s WebRTC password comes from
                the console’s <code>--webrtc-password</code>.
              </Text>
            ) : null}
            {notice ? (
              <Alert color="orange" variant="light" p="xs" role="status">
                {notice}
              </Alert>
            ) : null}
            <TextInput
              label="User name"
              name="user_name"
              autoComplete="username"
              value={userName}
              onChange={(e) => setUserName(e.currentTarget.value)}
              required
              data-autofocus
              autoFocus
            />
            <PasswordInput
              ref={passwordField}
              label="Password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
            />
            <ErrorSlot id="sign-in-error" error={action.error} />
            <Button type="submit" loading={action.pending} disabled={!userName.trim() || !password}>
              Sign in
            </Button>
          </Stack>
        </form>
        {demo.length > 0 ? (
          <Stack gap={6} mt="md" component="section" aria-labelledby="demo-agents-title" data-testid="demo-agents">
            <Title order={2} size="h5" id="demo-agents-title">
              The mock’s agents
            </Title>
            <Text size="sm" c="dimmed">
              Choose one to fill in the user name. The mock prints each one’s password when it starts.
            </Text>
            <Group gap={6}>
              {demo.map((a) => (
                <Button
                  key={a.user_name}
                  size="xs"
                  variant="light"
                  onClick={() => {
                    setUserName(a.user_name);
                    passwordField.current?.focus();
                  }}
                >
                  {`${a.user_name} · ext ${a.extension}`}
                </Button>
              ))}
            </Group>
          </Stack>
        ) : null}
      </Paper>
    </Container>
  );
}
