import { Alert, Anchor, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { SIMULATION_REPORT_PATH } from '../../shared/console-routes.js';
import type { SupervisorView as SupervisorData } from '../../shared/console-schemas.js';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { usePoll } from '../hooks/use-poll.js';
import { CampaignSeriesCharts } from './campaign-series-charts.js';
import { campaignTypeName } from './campaign-type-name.js';
import { ErrorSlot } from './error-slot.js';
import { InboundCallForm } from './inbound-call-form.js';
import { formatSystemTime, SYSTEM_TIME_LABEL } from './system-time.js';

/** A table's scroll box on a narrow screen: reachable by Tab so a keyboard can scroll it, and named. */
const scrollableRegion = (label: string) => ({ tabIndex: 0, role: 'region', 'aria-label': label });

/**
 * A supervisor's overview, for the mock only: each campaign's live statistics and every agent's state,
 * read (by the backend) from the mock's control API, which a real Omni does not have; live charts of
 * a campaign's series; the simulated-day report when the console has one; and a form that rings an
 * inbound call through that API.
 */
export function SupervisorView({ client }: { client: ConsoleClient }) {
  const [data, setData] = useState<SupervisorData | null>(null);
  const reader = useAsyncAction();
  usePoll(
    async (signal) => {
      const next = await reader.run(() => client.call('supervisor', { signal }));
      if (next) setData(next);
    },
    2000,
    true,
  );
  const names = useMemo(() => new Map((data?.agents ?? []).map((a) => [a.user_id, a.user_name])), [data?.agents]);
  // The campaigns change rarely: the same list (by its text) keeps the charts' campaign while the figures poll.
  const campaignKey = JSON.stringify(
    (data?.campaigns ?? []).map(({ campaign_id, campaign_name }) => ({ campaign_id, campaign_name })),
  );
  const campaigns = useMemo(
    () => JSON.parse(campaignKey) as { campaign_id: number; campaign_name: string }[],
    [campaignKey],
  );
  return (
    <Stack gap="md" component="section" aria-labelledby="supervisor-title">
      <Title order={2} size="h3" id="supervisor-title">
        Supervisor (mock only)
      </Title>
      <Alert color="grape" variant="light" title="Mock only">
        These figures come from the Omni mock’s control API. A real Omni has no such API, so this view exists only when
        the console runs against the mock.
      </Alert>
      <ErrorSlot error={reader.error} />
      <Text size="sm" c="dimmed" data-testid="supervisor-time">
        {data ? `${SYSTEM_TIME_LABEL}: ${formatSystemTime(data.at)}` : 'Loading…'}
      </Text>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          Campaigns
        </Title>
        <ScrollArea type="auto" viewportProps={scrollableRegion('Campaign statistics, scrollable')}>
          <Table striped fz="sm" aria-label="Campaign statistics">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Dials</Table.Th>
                <Table.Th>Connects</Table.Th>
                <Table.Th>Drops</Table.Th>
                <Table.Th>Drop rate</Table.Th>
                <Table.Th>Inbound</Table.Th>
                <Table.Th>Queue</Table.Th>
                <Table.Th>Handled</Table.Th>
                <Table.Th>Agents ready / on call / wrap-up / paused</Table.Th>
                <Table.Th>Leads left</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.campaigns ?? []).map(({ campaign_id, campaign_name, campaign_type, stats }) => (
                <Table.Tr key={campaign_id}>
                  <Table.Td>
                    {campaign_name}{' '}
                    <Text span c="dimmed" size="xs">
                      ({campaignTypeName(campaign_type)})
                    </Text>
                  </Table.Td>
                  <Table.Td className="tabular">{stats.dials}</Table.Td>
                  <Table.Td className="tabular">{stats.connects}</Table.Td>
                  <Table.Td className="tabular">{stats.drops}</Table.Td>
                  <Table.Td className="tabular">{stats.drop_rate.toFixed(1)}%</Table.Td>
                  <Table.Td className="tabular">
                    {stats.inbound_answered}/{stats.inbound_offered}
                  </Table.Td>
                  <Table.Td className="tabular">{stats.queue_length}</Table.Td>
                  <Table.Td className="tabular">{stats.handled}</Table.Td>
                  <Table.Td className="tabular">
                    {stats.agents.ready} / {stats.agents.on_call} / {stats.agents.wrap_up} / {stats.agents.paused}
                  </Table.Td>
                  <Table.Td className="tabular">{stats.leads_remaining}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      {campaigns.length > 0 && <CampaignSeriesCharts client={client} campaigns={campaigns} names={names} />}
      <Paper withBorder p="md" component="section" aria-labelledby="simulated-day-title">
        <Title order={3} size="h4" mb="xs" id="simulated-day-title">
          A simulated day
        </Title>
        {data?.simulation_report ? (
          <Anchor href={SIMULATION_REPORT_PATH} target="_blank" rel="noopener" data-testid="simulation-report-link">
            Open the simulated-day report (opens in a new tab)
          </Anchor>
        ) : (
          <Text size="sm">
            Run <code>omni-mock simulate --report day.html</code> for a whole campaign day as charts and tables, then
            start the console with <code>--simulation-report day.html</code> to open it from here.
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          Agents
        </Title>
        {/* Wider than a phone: the table scrolls in its own box, the page does not. */}
        <ScrollArea type="auto" viewportProps={scrollableRegion('Agents, scrollable')}>
          <Table striped fz="sm" aria-label="Agents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Agent</Table.Th>
                <Table.Th>Extension</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Since ({SYSTEM_TIME_LABEL})</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.agents ?? []).map((a) => (
                <Table.Tr key={a.user_id}>
                  <Table.Td>{a.user_name}</Table.Td>
                  <Table.Td className="tabular">{a.extension}</Table.Td>
                  <Table.Td>{a.phone === 'none' ? 'not registered' : a.phone}</Table.Td>
                  <Table.Td>{a.agent_state ?? 'not seen yet'}</Table.Td>
                  <Table.Td className="tabular">{a.campaign_id || '—'}</Table.Td>
                  <Table.Td className="tabular">{a.since ? formatSystemTime(a.since) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      <InboundCallForm client={client} />
    </Stack>
  );
}
