import { Badge, Box, Button, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { AgentView, CallView, CampaignView, InboundPayload, LeadView } from '@omnikit/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { formatDuration, useCallTimers } from '../hooks/use-call-timers.js';
import { usePoll } from '../hooks/use-poll.js';
import { useShortcut } from '../hooks/use-shortcut.js';
import { callTypeName } from './call-type-name.js';
import { campaignLabel } from './campaign-type-name.js';
import { DESK_SHORTCUTS } from './desk-shortcuts.js';
import { type Disposed, DisposeForm } from './dispose-form.js';
import { ErrorSlot } from './error-slot.js';

interface Props {
  client: ConsoleClient;
  callId: number | null;
  campaign: CampaignView | undefined;
  agentState: AgentView['agent_state'];
  /** The `inbound` notification of this call, when it was one (it carries the number dialled). */
  inbound: InboundPayload | undefined;
  /** The latest recording file Omni announced for this call. */
  recordingFile: string | undefined;
  /** Bumped when a notification about this call arrives: read it again at once. */
  refreshSignal: number;
  /** The call was disposed: the screen may forget it and confirm what was recorded. */
  onFinished(disposed: Disposed): void;
}

interface ConferenceLeg {
  callId: number;
  phoneNumber: string;
  view: CallView | null;
}

const KEYS_HINT = `Keys: ${DESK_SHORTCUTS.hold.key.toUpperCase()} hold · ${DESK_SHORTCUTS.hangUp.key.toUpperCase()} hang up · ${DESK_SHORTCUTS.dispose.key.toUpperCase()} dispose · ${DESK_SHORTCUTS.help.key} all shortcuts.`;

const STATE_WORDS: Record<CallView['call_state'], string> = {
  initiated: 'dialling',
  ringing: 'ringing',
  answered: 'connected',
  on_hold: 'on hold',
  ended: 'ended',
};

/**
 * The live call: who, what kind, the lead's other_info, talk and hold timers, and every control Omni
 * offers on it (hold/retrieve, recording, a 3rd party and connect, hang up), then the disposition.
 * It is one screen's height at 1366×768: each part is one row of fixed height, laid out whether or
 * not it is in use, so nothing moves while a call goes on; the recording player takes its place in
 * the recording row only once there is something to play, and the 3rd-party row shows the number
 * field until a 3rd party is called, then that leg and its controls. H, E and D hold, hang up and
 * dispose from anywhere but a field.
 */
export function CallPanel(props: Props) {
  const { client, callId, campaign, agentState, inbound, recordingFile, refreshSignal, onFinished } = props;
  const [call, setCall] = useState<CallView | null>(null);
  const [lead, setLead] = useState<LeadView | null>(null);
  const [conference, setConference] = useState<ConferenceLeg | null>(null);
  const [thirdParty, setThirdParty] = useState('');
  const [playbackUrl, setPlaybackUrl] = useState<string | null>(null);
  const [disposeError, setDisposeError] = useState<string | null>(null);
  const action = useAsyncAction();
  const reader = useAsyncAction();
  const timers = useCallTimers(call);

  // A new call: forget the previous one's details (not what the agent typed for a 3rd party).
  useEffect(() => {
    setCall(null);
    setLead(null);
    setConference(null);
    setPlaybackUrl(null);
    void callId;
  }, [callId]);

  // The call on screen now: an answer about an earlier call (a read in flight when the agent disposed
  // it) must not bring that call back.
  const current = useRef(callId);
  current.current = callId;

  const read = async (signal?: AbortSignal) => {
    if (callId === null) return;
    const forCall = callId;
    const view = await reader.run(() => client.call('getCall', { params: { call_id: forCall }, signal }));
    if (current.current !== forCall) return;
    if (view) setCall(view);
    if (conference && conference.view?.call_state !== 'ended') {
      const leg = await reader.run(() => client.call('getCall', { params: { call_id: conference.callId }, signal }));
      if (leg) setConference((c) => (c && c.callId === leg.call_id ? { ...c, view: leg } : c));
    }
  };
  usePoll(read, 1000, callId !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a notification about the call only triggers a read.
  useEffect(() => {
    if (refreshSignal > 0) void read();
  }, [refreshSignal]);

  const leadId = call?.lead_id ?? 0;
  useEffect(() => {
    if (!leadId) {
      setLead(null);
      return;
    }
    const controller = new AbortController();
    client
      .call('getLead', { params: { lead_id: leadId }, signal: controller.signal })
      .then(setLead)
      .catch(() => setLead(null));
    return () => controller.abort();
  }, [client, leadId]);

  useEffect(() => {
    if (recordingFile) setPlaybackUrl(client.url('getRecording', { file: recordingFile }));
  }, [client, recordingFile]);

  const command = async (task: () => Promise<unknown>) => {
    const done = await action.run(async () => {
      await task();
      return true;
    });
    if (done) await read();
  };

  const id = call?.call_id ?? 0;
  const agentLeg = call?.agent_leg_state ?? 'none';
  const agentOn = agentLeg === 'connected' || agentLeg === 'on_hold';
  const answered = call?.call_state === 'answered';
  const held = call?.call_state === 'on_hold';
  const rec = call?.recording_state ?? 'off';
  const legLive = conference !== null && conference.view?.call_state !== 'ended';
  const legAnswered = conference?.view?.call_state === 'answered';
  const canHangUp = call !== null && call.call_state !== 'ended' && agentLeg !== 'ended';
  const canDispose = call !== null && (agentLeg === 'ended' || call.call_state === 'ended') && agentState === 'wrap_up';

  // When the agent's part ends (hang up, connect, the customer left) the next step is the disposition:
  // take keyboard focus there unless the agent is busy elsewhere on the page.
  const panel = useRef<HTMLDivElement>(null);
  const disposition = useRef<HTMLSelectElement>(null);
  const disposeForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!canDispose) return;
    const active = document.activeElement;
    if (!active || active === document.body || panel.current?.contains(active)) disposition.current?.focus();
  }, [canDispose]);

  const record = (recAction: 'start' | 'stop' | 'pause' | 'resume') =>
    command(async () => {
      const result = await client.call('record', { params: { call_id: id }, body: { action: recAction } });
      if (result.playback_url) setPlaybackUrl(result.playback_url);
    });

  const callThirdParty = async (event: FormEvent) => {
    event.preventDefault();
    const number = thirdParty.trim();
    const result = await action.run(() =>
      client.call('conference', { params: { call_id: id }, body: { phone_number: number } }),
    );
    if (result) setConference({ callId: result.call_id, phoneNumber: number, view: null });
  };

  const canHold = held ? agentOn : answered && agentOn;
  const holdOrRetrieve = () => command(() => client.call(held ? 'retrieve' : 'hold', { params: { call_id: id } }));
  const hangUp = () => command(() => client.call('hangup', { params: { call_id: id } }));
  useShortcut(DESK_SHORTCUTS.hold.key, () => {
    if (!canHold || action.pending) return false;
    void holdOrRetrieve();
    return true;
  });
  useShortcut(DESK_SHORTCUTS.hangUp.key, () => {
    if (!canHangUp || action.pending) return false;
    void hangUp();
    return true;
  });
  useShortcut(DESK_SHORTCUTS.dispose.key, () => {
    if (!canDispose) return false;
    disposeForm.current?.requestSubmit();
    return true;
  });

  const title = call
    ? `${call.call_direction === 'inbound' ? 'From' : 'To'} ${call.phone_number}`
    : callId !== null
      ? 'Connecting…'
      : 'No call';
  // The campaign's name, unless it only repeats the kind of call (a Click-2-Dial call on "Click-2-Dial").
  const campaignLabelText = campaign && call?.campaign_id === campaign.campaign_id ? campaignLabel(campaign) : null;
  const campaignName = call?.campaign_id
    ? campaignLabelText === null
      ? `campaign ${call.campaign_id}`
      : campaignLabelText.toLowerCase() === callTypeName(call.call_type).toLowerCase()
        ? null
        : campaignLabelText
    : null;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="call-title" id="call-panel" tabIndex={-1} ref={panel}>
      <Stack gap={8}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h3" id="call-title" className="tabular" lineClamp={1}>
            {title}
          </Title>
          <Badge
            miw={110}
            variant="filled"
            color={held ? 'orange' : answered ? 'green' : call?.call_state === 'ended' ? 'gray' : 'blue'}
            data-testid="call-state"
            aria-live="polite"
          >
            {call ? STATE_WORDS[call.call_state] : 'idle'}
          </Badge>
        </Group>
        {/* Without a call, the line under the heading says what comes there: no empty band under "No call". */}
        <Text
          size="sm"
          c={call ? 'dimmed' : undefined}
          fw={call ? undefined : 600}
          lineClamp={1}
          mih={20}
          data-testid="call-subtitle"
        >
          {call
            ? `Call ${call.call_id} · ${callTypeName(call.call_type)}${inbound ? ` · dialled ${inbound.DNIS}` : ''}${
                campaignName ? ` · ${campaignName}` : ''
              }`
            : 'Calls you dial, take from a preview, or get from the dialler or a caller appear here.'}
        </Text>
        <Box mih={40} data-testid="lead-info">
          <Text size="sm" fw={call ? 600 : 400} lineClamp={1} c={call ? undefined : 'dimmed'}>
            {lead
              ? `${lead.first_name} ${lead.last_name} (lead ${lead.lead_id})`
              : call
                ? 'No lead on this call'
                : KEYS_HINT}
          </Text>
          <Text size="sm" lineClamp={1} title={lead?.other_info ?? undefined}>
            {lead?.other_info ?? ''}
          </Text>
        </Box>
        <Group gap="xs" wrap="wrap">
          <Paper bg="gray.0" px={8} py={2} miw={92}>
            <Text size="xs" c="dimmed" component="span" mr={6}>
              Talk
            </Text>
            <Text span className="tabular" size="lg" fw={600} aria-label="Talk time" data-testid="talk-timer">
              {formatDuration(timers.talkMs)}
            </Text>
          </Paper>
          <Paper bg="gray.0" px={8} py={2} miw={92}>
            <Text size="xs" c="dimmed" component="span" mr={6}>
              Hold
            </Text>
            <Text span className="tabular" size="lg" fw={600} aria-label="Hold time" data-testid="hold-timer">
              {formatDuration(timers.holdMs)}
            </Text>
          </Paper>
          {/* One button that changes its words, so keyboard focus stays on it. */}
          <Button
            w={110}
            color={held ? 'orange' : undefined}
            variant={held ? 'filled' : 'light'}
            disabled={!canHold}
            aria-keyshortcuts={DESK_SHORTCUTS.hold.key.toUpperCase()}
            onClick={holdOrRetrieve}
          >
            {held ? 'Retrieve' : 'Hold'}
          </Button>
          <Button
            w={110}
            color="red"
            disabled={!canHangUp}
            aria-keyshortcuts={DESK_SHORTCUTS.hangUp.key.toUpperCase()}
            onClick={hangUp}
          >
            Hang up
          </Button>
        </Group>
        <Divider label="Recording" labelPosition="left" />
        <Group gap="xs" wrap="wrap" mih={32}>
          <Badge variant="outline" color="blue.9" miw={90} data-testid="recording-state">
            {rec}
          </Badge>
          <Button
            size="xs"
            variant="light"
            disabled={!(answered || held) || rec !== 'off'}
            onClick={() => record('start')}
          >
            Start recording
          </Button>
          <Button
            size="xs"
            variant="light"
            w={140}
            disabled={rec !== 'recording' && rec !== 'paused'}
            onClick={() => record(rec === 'paused' ? 'resume' : 'pause')}
          >
            {rec === 'paused' ? 'Resume recording' : 'Pause recording'}
          </Button>
          <Button
            size="xs"
            variant="light"
            disabled={rec !== 'recording' && rec !== 'paused'}
            onClick={() => record('stop')}
          >
            Stop recording
          </Button>
          {playbackUrl ? (
            <audio
              controls
              preload="none"
              src={playbackUrl}
              aria-label="Play back the recording"
              style={{ flex: '1 1 200px', minWidth: 0, height: 32 }}
              data-testid="recording-playback"
            >
              <track kind="captions" />
            </audio>
          ) : null}
        </Group>
        <Divider label="3rd party" labelPosition="left" />
        {legLive && conference ? (
          <Group gap="xs" wrap="wrap" mih={36}>
            <Text size="sm" style={{ flex: 1, minWidth: 120 }} lineClamp={1} data-testid="conference-state">
              {`${conference.phoneNumber}: ${conference.view ? STATE_WORDS[conference.view.call_state] : 'dialling'}`}
            </Text>
            <Button
              size="xs"
              disabled={!legAnswered || !agentOn}
              onClick={() => command(() => client.call('connect', { params: { call_id: id } }))}
            >
              Connect parties
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => command(() => client.call('hangup', { params: { call_id: conference.callId } }))}
            >
              Drop 3rd party
            </Button>
          </Group>
        ) : (
          <form onSubmit={callThirdParty} noValidate>
            <Group gap="xs" wrap="nowrap" mih={36}>
              <TextInput
                aria-label="3rd-party number"
                placeholder="3rd-party number"
                inputMode="tel"
                autoComplete="off"
                value={thirdParty}
                onChange={(e) => setThirdParty(e.currentTarget.value)}
                style={{ flex: 1, minWidth: 0 }}
              />
              <Button type="submit" variant="light" disabled={!answered || !agentOn || !thirdParty.trim()}>
                Call 3rd party
              </Button>
              {conference ? (
                <Text size="sm" c="dimmed" lineClamp={1} data-testid="conference-state" maw="40%">
                  {`${conference.phoneNumber}: ${conference.view ? STATE_WORDS[conference.view.call_state] : 'dialling'}`}
                </Text>
              ) : null}
            </Group>
          </form>
        )}
        <Divider label="Disposition" labelPosition="left" />
        <DisposeForm
          selectRef={disposition}
          formRef={disposeForm}
          client={client}
          callId={id}
          campaign={campaign}
          enabled={canDispose}
          onDisposed={onFinished}
          onError={setDisposeError}
        />
        {/* One slot for the panel's errors: a refused command or disposition, said in words. */}
        <ErrorSlot error={disposeError ?? action.error ?? reader.error} />
      </Stack>
    </Paper>
  );
}
