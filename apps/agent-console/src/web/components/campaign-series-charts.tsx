import { NativeSelect, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { SupervisorSeries } from '../../shared/console-schemas.js';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { usePoll } from '../hooks/use-poll.js';
import { AgentTimeline } from './agent-timeline.js';
import { ErrorSlot } from './error-slot.js';
import { dropRateNow, lastBuckets, seriesChartData } from './series-chart-data.js';
import { CHART_STATES, STATE_COLOURS, STATE_LABELS } from './state-colours.js';
import { formatSystemTime, SYSTEM_TIME_LABEL } from './system-time.js';
import { UplotChart } from './uplot-chart.js';

const CALLS: Omit<uPlot.Options, 'width' | 'height'> = {
  series: [
    {},
    { label: 'Dials/min', stroke: '#1c7ed6', width: 1.5 },
    { label: 'Connects/min', stroke: '#2f9e44', width: 1.5 },
    { label: 'Drops/min', stroke: '#e03131', width: 2 },
  ],
  axes: [{}, { label: 'per minute' }],
};
const DROP_RATE: Omit<uPlot.Options, 'width' | 'height'> = {
  series: [
    {},
    { label: 'Drop rate (bucket) %', stroke: '#fa5252', width: 1 },
    { label: 'Drop rate (so far) %', stroke: '#c92a2a', width: 2 },
    { label: 'Target %', stroke: '#495057', width: 1.5, dash: [6, 4] },
  ],
  axes: [{}, { label: '%' }],
};
const QUEUE: Omit<uPlot.Options, 'width' | 'height'> = {
  series: [
    {},
    { label: 'Queue (mean)', stroke: '#7048e8', width: 1.5, scale: 'callers' },
    { label: 'ASA (s)', stroke: '#f08c00', width: 1.5, scale: 's' },
  ],
  scales: { callers: {}, s: {} },
  axes: [{}, { scale: 'callers', label: 'callers' }, { scale: 's', side: 1, label: 'seconds', grid: { show: false } }],
};
const AGENTS: Omit<uPlot.Options, 'width' | 'height'> = {
  series: [
    {},
    ...CHART_STATES.map((s) => ({
      label: `${STATE_LABELS[s]} (stacked)`,
      stroke: STATE_COLOURS[s],
      fill: `${STATE_COLOURS[s]}cc`,
      width: 1,
    })),
  ],
  axes: [{}, { label: 'agents' }],
};

function ChartFigure({
  title,
  summary,
  children,
  table,
}: {
  title: string;
  summary: string;
  children: ReactNode;
  table: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="figure" m={0} aria-label={title}>
      <Title order={4} size="h5" component="figcaption">
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb={4}>
        {summary}
      </Text>
      {children}
      <details>
        <summary>{title}: the last 10 buckets as a table</summary>
        {table}
      </details>
    </Paper>
  );
}

function BucketTable({ label, head, rows }: { label: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <Table fz="xs" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {head.map((h) => (
            <Table.Th key={h}>{h}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={String(r[0])}>
            {r.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed by `head`.
              <Table.Td key={i} className="tabular">
                {c}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The supervisor's live charts of one campaign (mock only), from the mock's series read every 2 s:
 * dials / connects / drops per minute, the drop rate against the target, the inbound queue and its
 * speed of answer, agents by state stacked, and each agent's last hour. Each chart has a one-line
 * summary and its last buckets as a table.
 */
export function CampaignSeriesCharts({
  client,
  campaigns,
  names,
}: {
  client: ConsoleClient;
  campaigns: { campaign_id: number; campaign_name: string }[];
  names: ReadonlyMap<number, string>;
}) {
  const [chosen, setChosen] = useState<number | null>(null);
  const campaignId =
    chosen ?? campaigns.find((c) => c.campaign_name.includes('blended'))?.campaign_id ?? campaigns[0]?.campaign_id;
  const [series, setSeries] = useState<SupervisorSeries | null>(null);
  const reader = useAsyncAction();
  usePoll(
    async (signal) => {
      if (campaignId === undefined) return;
      const next = await reader.run(() =>
        client.call('supervisorSeries', { params: { campaign_id: campaignId }, signal }),
      );
      if (next && next.campaign_id === campaignId) setSeries(next);
    },
    2000,
    campaignId !== undefined,
  );
  const shown = series && series.campaign_id === campaignId ? series : null;
  const data = useMemo(() => (shown ? seriesChartData(shown) : null), [shown]);
  const rows = useMemo(() => (shown ? lastBuckets(shown, 10) : []), [shown]);
  const time = (iso: string) => formatSystemTime(iso, 'minute').replace(/^\d{4}-\d{2}-\d{2} /, '');
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="charts-title">
      <Title order={3} size="h4" id="charts-title" mb="xs">
        Live charts
      </Title>
      <NativeSelect
        label="Campaign to chart"
        value={campaignId === undefined ? '' : String(campaignId)}
        onChange={(e) => setChosen(Number(e.currentTarget.value))}
        data={campaigns.map((c) => ({ value: String(c.campaign_id), label: c.campaign_name }))}
        maw={320}
        mb="xs"
        data-testid="charts-campaign"
      />
      <ErrorSlot error={reader.error} />
      {shown && data ? (
        <>
          <Text size="xs" c="dimmed" mb="xs" data-testid="charts-window">
            {`${SYSTEM_TIME_LABEL}: ${formatSystemTime(shown.from, 'minute')} to ${formatSystemTime(shown.to, 'minute')}, ${shown.buckets.start.length} buckets of ${shown.bucket_seconds / 60} min`}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <ChartFigure
              title="Dials, connects and drops per minute"
              summary={`${sum(shown.buckets.dials)} dials, ${sum(shown.buckets.connects)} connects, ${sum(shown.buckets.drops)} drops in the window.`}
              table={
                <BucketTable
                  label="Dials, connects and drops, last 10 buckets"
                  head={['Bucket', 'Dials', 'Connects', 'Drops']}
                  rows={rows.map((r) => [time(r.start), r.dials, r.connects, r.drops])}
                />
              }
            >
              <UplotChart testId="chart-calls" options={CALLS} data={[data.t, ...data.calls]} />
            </ChartFigure>
            <ChartFigure
              title="Drop rate against the target"
              summary={`The drop rate so far is ${dropRateNow(shown).toFixed(2)} % against a target of ${shown.target_drop_percentage} %.`}
              table={
                <BucketTable
                  label="Drop rate, last 10 buckets"
                  head={['Bucket', 'Drop rate', 'Target']}
                  rows={rows.map((r) => [
                    time(r.start),
                    r.dropRate === null ? '—' : `${r.dropRate.toFixed(2)} %`,
                    `${shown.target_drop_percentage} %`,
                  ])}
                />
              }
            >
              <Text size="sm" data-testid="drop-rate-now" data-value={dropRateNow(shown)}>
                Drop rate so far: {dropRateNow(shown).toFixed(2)} % (target {shown.target_drop_percentage} %)
              </Text>
              <UplotChart testId="chart-drop-rate" options={DROP_RATE} data={[data.t, ...data.dropRate]} />
            </ChartFigure>
            <ChartFigure
              title="Inbound queue and average speed of answer"
              summary={`${sum(shown.buckets.inbound_offered)} callers queued, ${sum(shown.buckets.abandoned)} abandoned; at most ${Math.max(0, ...shown.buckets.queue_length_max)} waiting at once.`}
              table={
                <BucketTable
                  label="Queue and ASA, last 10 buckets"
                  head={['Bucket', 'Queue (mean)', 'ASA']}
                  rows={rows.map((r) => [time(r.start), r.queue, r.asaSeconds === null ? '—' : `${r.asaSeconds} s`])}
                />
              }
            >
              <UplotChart testId="chart-queue" options={QUEUE} data={[data.t, ...data.queue]} />
            </ChartFigure>
            <ChartFigure
              title="Agents by state"
              summary={`Now: ${CHART_STATES.map((s) => `${shown.buckets.agents[s].at(-1) ?? 0} ${STATE_LABELS[s].toLowerCase()}`).join(', ')} (the last bucket’s mean).`}
              table={
                <BucketTable
                  label="By state, last 10 buckets"
                  head={['Bucket', ...CHART_STATES.map((s) => STATE_LABELS[s])]}
                  rows={rows.map((r) => [time(r.start), ...CHART_STATES.map((s) => r.agents[s])])}
                />
              }
            >
              <UplotChart testId="chart-agents" options={AGENTS} data={[data.t, ...data.stacked]} />
            </ChartFigure>
          </SimpleGrid>
          <Title order={4} size="h5" mt="sm">
            Each agent’s last hour ({SYSTEM_TIME_LABEL}, {time(shown.agent_timeline.from)}–
            {time(shown.agent_timeline.to)})
          </Title>
          <AgentTimeline timeline={shown.agent_timeline} names={names} />
        </>
      ) : (
        <Text size="sm">Loading the series…</Text>
      )}
    </Paper>
  );
}
