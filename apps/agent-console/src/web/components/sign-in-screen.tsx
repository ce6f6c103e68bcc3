import { Badge, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { SessionView } from '../../shared/console-schemas.js';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { ErrorSlot } from './error-slot.js';

interface Props {
  client: ConsoleClient;
  /** Why the agent is here again (signed out elsewhere, session expired), if known. */
  notice: string | null;
  onSignedIn(session: SessionView): void;
}

/** Sign-in with the agent's Omni user name and password. A refusal keeps both fields as typed. */
export function SignInScreen({ client, notice, onSignedIn }: Props) {
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const action = useAsyncAction();

  useEffect(() => {
    client
      .call('info')
      .then((info) => setTarget(info.target === 'mock' ? `the Omni mock at ${info.omni_url}` : info.omni_url))
      .catch(() => setTarget(null));
  }, [client]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = await action.run(() => client.call('signIn', { body: { user_name: userName, password } }));
    if (session) onSignedIn(session);
  };

  return (
    <Container size={420} py={64} component="main">
      <Paper withBorder p="xl" shadow="sm">
        <form onSubmit={submit} aria-describedby="sign-in-error" noValidate>
          <Stack gap="sm">
            <Title order={1} size="h2">
              Agent console
            </Title>
            <Text size="sm" c="dimmed" mih={20}>
              {target ? (
                <>
                  Connected to <Badge variant="light">{target}</Badge>
                </>
              ) : (
                ''
              )}
            </Text>
            {notice ? (
              <Text size="sm" c="orange.9" role="status">
                {notice}
              </Text>
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
      </Paper>
    </Container>
  );
}
