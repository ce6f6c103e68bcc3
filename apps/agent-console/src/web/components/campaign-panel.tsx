import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { AgentView, CampaignView } from '@omnikit/contracts';
import { useEffect, useRef, useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { campaignLabel } from './campaign-type-name.js';
import { ErrorSlot } from './error-slot.js';

interface Props {
  client: ConsoleClient;
  agent: AgentView | null;
  campaigns: CampaignView[];
  campaignsError: string | null;
  /** Called after every successful command so the screen re-reads the agent. */
  onChanged(): void;
}

const STATE_COLORS: Record<AgentView['agent_state'], string> = {
  logged_out: 'gray',
  paused: 'yellow',
  ready: 'green',
  on_call: 'blue',
  wrap_up: 'grape',
};

export const AGENT_STATE_WORDS: Record<AgentView['agent_state'], string> = {
  logged_out: 'logged out',
  paused: 'paused',
  ready: 'ready',
  on_call: 'on a call',
  wrap_up: 'wrap-up',
};

/**
 * Choosing a campaign (with its message of the day), logging in (Omni then rings the phone with the
 * bridge call), going ready or pausing with one of the campaign's pause codes, and logging out. The
 * choices survive a refused request.
 */
export function CampaignPanel({ client, agent, campaigns, campaignsError, onChanged }: Props) {
  const [chosenId, setChosenId] = useState<string>('');
  const [pauseCode, setPauseCode] = useState<string>('');
  const action = useAsyncAction();
  const state = agent?.agent_state ?? 'logged_out';
  const loggedIn = state !== 'logged_out';
  const current = loggedIn ? campaigns.find((c) => c.campaign_id === agent?.campaign_id) : undefined;
  const chosen = campaigns.find((c) => String(c.campaign_id) === chosenId) ?? campaigns[0];
  const shown = current ?? chosen;
  const pauseCodes = current?.pause_codes ?? [];
  const code = pauseCodes.includes(pauseCode) ? pauseCode : (pauseCodes[0] ?? '');
  const canChangeState = state === 'paused' || state === 'ready';

  // After logging in, the button that was pressed is gone: put keyboard focus on Ready, the next step.
  const readyButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (loggedIn && (document.activeElement === document.body || document.activeElement === null))
      readyButton.current?.focus();
  }, [loggedIn]);

  const run = async (task: () => Promise<unknown>) => {
    const done = await action.run(async () => {
      await task();
      return true;
    });
    if (done) onChanged();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="campaign-title">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="campaign-title">
            Campaign
          </Title>
          <Badge color={STATE_COLORS[state]} variant="filled" miw={110} data-testid="agent-state" aria-live="polite">
            {AGENT_STATE_WORDS[state]}
          </Badge>
        </Group>
        {loggedIn ? (
          <Text size="sm">
            Logged in to <strong>{current ? campaignLabel(current) : `campaign ${agent?.campaign_id}`}</strong>
          </Text>
        ) : (
          <NativeSelect
            label="Campaign"
            value={chosen ? String(chosen.campaign_id) : ''}
            onChange={(e) => setChosenId(e.currentTarget.value)}
            data={campaigns.map((c) => ({
              value: String(c.campaign_id),
              label: campaignLabel(c),
            }))}
            disabled={campaigns.length === 0}
          />
        )}
        <Text size="sm" c="dimmed" mih={40} lineClamp={2} data-testid="motd">
          {shown ? `Message of the day: ${shown.message_of_the_day || 'none'}` : ''}
        </Text>
        {loggedIn ? (
          <Group align="flex-end" gap="xs">
            <Button
              ref={readyButton}
              color="green"
              miw={90}
              disabled={!canChangeState || state === 'ready'}
              onClick={() => run(() => client.call('setState', { body: { state: 'ready' } }))}
            >
              Ready
            </Button>
            <NativeSelect
              label="Pause code"
              value={code}
              onChange={(e) => setPauseCode(e.currentTarget.value)}
              data={pauseCodes}
              w={130}
            />
            <Button
              color="yellow"
              miw={90}
              disabled={!canChangeState || !code}
              onClick={() =>
                run(() => client.call('setState', { body: { state: 'paused', pause_code: code || undefined } }))
              }
            >
              Pause
            </Button>
            <Button
              variant="default"
              disabled={!canChangeState}
              onClick={() => run(() => client.call('campaignLogout'))}
            >
              Log out of campaign
            </Button>
          </Group>
        ) : (
          <Group>
            <Button
              disabled={!chosen}
              loading={action.pending}
              onClick={() =>
                chosen && run(() => client.call('campaignLogin', { body: { campaign_id: chosen.campaign_id } }))
              }
            >
              Log in to campaign
            </Button>
          </Group>
        )}
        <ErrorSlot error={action.error ?? campaignsError} />
      </Stack>
    </Paper>
  );
}
