import { Group, Table, Text } from '@mantine/core';
import type { SupervisorSeries } from '../../shared/console-schemas.js';
import { CHART_STATES, STATE_COLOURS, STATE_LABELS } from './state-colours.js';
import { formatSystemTime } from './system-time.js';

type Timeline = SupervisorSeries['agent_timeline'];

/**
 * Each agent's states over the last hour as a row of coloured spans (gaps: logged out), with the
 * minutes in each state as a table for those who do not read colour.
 */
export function AgentTimeline({ timeline, names }: { timeline: Timeline; names: ReadonlyMap<number, string> }) {
  const from = Date.parse(timeline.from);
  const span = Math.max(1, Date.parse(timeline.to) - from);
  const name = (id: number) => names.get(id) ?? `user ${id}`;
  return (
    <div>
      <Group gap="md" mb={4} aria-hidden="true">
        {CHART_STATES.map((s) => (
          <Text key={s} size="xs" span>
            <span className="state-swatch" style={{ background: STATE_COLOURS[s] }} /> {STATE_LABELS[s]}
          </Text>
        ))}
      </Group>
      <div
        className="agent-timeline"
        data-testid="agent-timeline"
        data-points={timeline.agents.length}
        aria-hidden="true"
      >
        {timeline.agents.map((a) => (
          <div key={a.user_id} className="agent-timeline-row">
            <span className="agent-timeline-name">{name(a.user_id)}</span>
            <span className="agent-timeline-track">
              {a.spans.map((s) => (
                <span
                  key={`${s.from}-${s.state}`}
                  className="agent-timeline-span"
                  title={`${name(a.user_id)}: ${STATE_LABELS[s.state]} ${formatSystemTime(s.from)} – ${formatSystemTime(s.to)}`}
                  style={{
                    left: `${((Date.parse(s.from) - from) / span) * 100}%`,
                    width: `${((Date.parse(s.to) - Date.parse(s.from)) / span) * 100}%`,
                    background: STATE_COLOURS[s.state],
                  }}
                />
              ))}
            </span>
          </div>
        ))}
      </div>
      <details>
        <summary>Minutes in each state in the last hour, as a table</summary>
        <Table fz="xs" aria-label="Minutes in each state in the last hour">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Agent</Table.Th>
              {CHART_STATES.map((s) => (
                <Table.Th key={s}>{STATE_LABELS[s]}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {timeline.agents.map((a) => {
              const minutes = { ready: 0, on_call: 0, wrap_up: 0, paused: 0 };
              for (const s of a.spans) minutes[s.state] += (Date.parse(s.to) - Date.parse(s.from)) / 60_000;
              return (
                <Table.Tr key={a.user_id}>
                  <Table.Td>{name(a.user_id)}</Table.Td>
                  {CHART_STATES.map((s) => (
                    <Table.Td key={s} className="tabular">
                      {minutes[s].toFixed(1)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </details>
    </div>
  );
}
