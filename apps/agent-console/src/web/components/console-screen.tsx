import { Alert, AppShell, Container, Grid, Stack } from '@mantine/core';
import type { AgentView, CampaignView, InboundPayload, Notification } from '@omnikit/contracts';
import { CAMPAIGN_TYPES } from '@omnikit/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../shared/console-schemas.js';
import { ConsoleApiError, errorText } from '../api/console-api-error.js';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { useConsoleEvents } from '../hooks/use-console-events.js';
import { usePoll } from '../hooks/use-poll.js';
import { useShortcut } from '../hooks/use-shortcut.js';
import { InboxPanel } from '../inbox/inbox-panel.js';
import { isMessagingNotification } from '../inbox/messaging-notification.js';
import { useInbox } from '../inbox/use-inbox.js';
import { usePhone } from '../phone/use-phone.js';
import { CallPanel } from './call-panel.js';
import { CampaignPanel } from './campaign-panel.js';
import { type Confirmation, ConfirmationToast } from './confirmation-toast.js';
import { ConsoleHeader, type ConsoleView } from './console-header.js';
import { describeNotification, notificationInstant, notificationTime } from './describe-notification.js';
import { DESK_SHORTCUTS } from './desk-shortcuts.js';
import { DialPanel } from './dial-panel.js';
import type { Disposed } from './dispose-form.js';
import { insertByTime } from './insert-by-time.js';
import { type FeedItem, NotificationFeed } from './notification-feed.js';
import { PhonePanel } from './phone-panel.js';
import { PreviewPanel } from './preview-panel.js';
import { ShortcutsDialog } from './shortcuts-dialog.js';
import { ShotgunPanel } from './shotgun-panel.js';
import { SupervisorView } from './supervisor-view.js';

interface Props {
  client: ConsoleClient;
  session: SessionView;
  onSignedOut(reason: string | null): void;
}

const FEED_LIMIT = 100;

/** Notifications that change what the agent sees: re-read the agent at once. */
const AGENT_TOUCHING = new Set<Notification['type']>(['agent_state', 'call_state', 'inbound', 'shotgun_result', 'cdr']);

function callIdOf(n: Notification): number {
  if (n.type === 'shotgun_result') return n.payload.winner_call_id;
  if ('call_id' in n.payload) return n.payload.call_id;
  return 0;
}

/**
 * The signed-in console. It keeps the agent as Omni sees it (polled, and re-read whenever a
 * notification arrives), the call on screen, and the live feed; the panels do the rest.
 */
export function ConsoleScreen({ client, session, onSignedOut }: Props) {
  const audio = useRef<HTMLAudioElement>(null);
  const phone = usePhone(client, session.target, audio);
  const [view, setView] = useState<ConsoleView>('agent');
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [agent, setAgent] = useState<AgentView | null>(null);
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  const [campaignsError, setCampaignsError] = useState<string | null>(null);
  const [callId, setCallId] = useState<number | null>(null);
  const [callSignal, setCallSignal] = useState(0);
  const [inbound, setInbound] = useState<Record<number, InboundPayload>>({});
  const [recordings, setRecordings] = useState<Record<number, string>>({});
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const finished = useRef(new Set<number>());
  const feedKey = useRef(0);
  const agentReader = useAsyncAction();
  const signOutAction = useAsyncAction();
  const inbox = useInbox(client);

  const ended = useCallback(
    (error: unknown) => {
      if (error instanceof ConsoleApiError && (error.code === 'NOT_SIGNED_IN' || error.code === 'SESSION_EXPIRED')) {
        void phone.unregister();
        onSignedOut(error.message);
        return true;
      }
      return false;
    },
    [onSignedOut, phone.unregister],
  );

  useEffect(() => {
    client.onSessionLost((error) => ended(error));
    return () => client.onSessionLost(undefined);
  }, [client, ended]);

  const readAgent = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const next = await client.call('getAgent', signal ? { signal } : {});
        agentReader.clearError();
        setAgent(next);
        // Dialler and inbound calls reach the agent without a click: adopt Omni's call id.
        if (
          next.call_id &&
          (next.agent_state === 'on_call' || next.agent_state === 'wrap_up') &&
          !finished.current.has(next.call_id)
        )
          setCallId(next.call_id);
      } catch (error) {
        if (signal?.aborted || ended(error)) return;
        void agentReader.run(() => Promise.reject(error));
      }
    },
    [agentReader.clearError, agentReader.run, client, ended],
  );
  usePoll(readAgent, 2000, true);

  useEffect(() => {
    client
      .call('listCampaigns')
      .then((list) => setCampaigns(list.campaigns))
      .catch((error: unknown) => setCampaignsError(`The campaigns cannot be read: ${errorText(error)}`));
  }, [client]);

  const events = useConsoleEvents(client, {
    onNotification: (n) => {
      feedKey.current += 1;
      const instant = notificationInstant(n);
      const item: FeedItem = {
        key: feedKey.current,
        at: instant ? Date.parse(instant) : Number.NaN,
        instant,
        time: notificationTime(n),
        type: n.type,
        text: describeNotification(n),
      };
      setFeed((all) => insertByTime(all, item, FEED_LIMIT));
      if (n.type === 'inbound') {
        const payload = n.payload;
        setInbound((all) => ({ ...all, [payload.call_id]: payload }));
        if (!finished.current.has(payload.call_id)) setCallId(payload.call_id);
      }
      if (n.type === 'recording' && n.payload.recording_url) {
        const { call_id, recording_url } = n.payload;
        setRecordings((all) => ({ ...all, [call_id]: recording_url }));
      }
      if (AGENT_TOUCHING.has(n.type)) void readAgent();
      if (isMessagingNotification(n)) inbox.refresh();
      const about = callIdOf(n);
      if (about && about === callId) setCallSignal((s) => s + 1);
    },
    onToken: (expiresAt) => phone.tokenChanged(expiresAt),
    onSessionEnded: (state) => {
      void phone.unregister();
      onSignedOut(
        state === 'expired'
          ? 'Your session expired. Please sign in again.'
          : 'You were signed out. Please sign in again.',
      );
    },
  });

  const callStarted = useCallback((id: number) => {
    finished.current.delete(id);
    setCallId(id);
    setCallSignal((s) => s + 1);
  }, []);

  const callFinished = useCallback(
    (disposed: Disposed) => {
      if (callId !== null) finished.current.add(callId);
      setCallId(null);
      setConfirmation((last) => ({
        key: (last?.key ?? 0) + 1,
        title: 'Disposition recorded',
        message: `Call ${disposed.callId} was disposed as ${disposed.code}.`,
      }));
      void readAgent();
    },
    [callId, readAgent],
  );
  const conversationClosed = useCallback((conversationId: number, code: string) => {
    setConfirmation((last) => ({
      key: (last?.key ?? 0) + 1,
      title: 'Conversation closed',
      message: `Conversation ${conversationId} was closed as ${code}.`,
    }));
  }, []);
  const closeConfirmation = useCallback(() => setConfirmation(null), []);
  useShortcut(DESK_SHORTCUTS.help.key, () => {
    setShortcutsOpen(true);
    return true;
  });

  const signOut = async () => {
    const done = await signOutAction.run(async () => {
      await client.call('signOut');
      return true;
    });
    if (done) {
      await phone.unregister();
      onSignedOut(null);
    }
  };

  const state = agent?.agent_state ?? 'logged_out';
  const current = campaigns.find((c) => c.campaign_id === agent?.campaign_id && state !== 'logged_out');
  const free = state === 'paused' || state === 'ready';
  const busyReason =
    state === 'on_call'
      ? 'You are on a call: hang up and dispose it before you place another.'
      : state === 'wrap_up'
        ? 'Dispose the last call before you place another.'
        : null;
  const pageError = signOutAction.error ?? agentReader.error;
  // The left column starts the same in the phone and inbox views: the phone, then the agent's campaign.
  const phoneAndCampaign = (
    <>
      <PhonePanel phone={phone} />
      <CampaignPanel
        client={client}
        agent={agent}
        campaigns={campaigns}
        campaignsError={campaignsError}
        onChanged={() => void readAgent()}
      />
    </>
  );

  return (
    <AppShell header={{ height: { base: 92, sm: 52 } }} padding="sm">
      <a className="skip-link" href={view === 'inbox' ? '#inbox' : '#call-panel'}>
        {view === 'inbox' ? 'Skip to the inbox' : 'Skip to the call'}
      </a>
      <AppShell.Header>
        <ConsoleHeader
          session={session}
          view={view}
          onView={setView}
          onShortcuts={() => setShortcutsOpen(true)}
          onSignOut={signOut}
          signingOut={signOutAction.pending}
          unread={inbox.unread}
        />
      </AppShell.Header>
      <ShortcutsDialog opened={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <ConfirmationToast confirmation={confirmation} onClose={closeConfirmation} />
      <AppShell.Main>
        {/* The bridge call's audio: Omni bridges every customer call into it. */}
        {/* biome-ignore lint/a11y/useMediaCaption: live call audio has no captions to offer. */}
        <audio ref={audio} autoPlay data-testid="phone-audio" />
        <Container size="xl" px={0} component="main">
          {pageError ? (
            <Alert color="red" role="alert" mb="sm" title="Something went wrong">
              {pageError}
            </Alert>
          ) : null}
          {view === 'supervisor' ? (
            <SupervisorView client={client} />
          ) : view === 'inbox' ? (
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 5, lg: 4 }}>
                <Stack gap="sm">{phoneAndCampaign}</Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 7, lg: 8 }}>
                <InboxPanel
                  client={client}
                  inbox={inbox.view}
                  inboxError={inbox.error}
                  refreshSignal={inbox.version}
                  onChanged={inbox.refresh}
                  onClosed={conversationClosed}
                />
              </Grid.Col>
            </Grid>
          ) : (
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 5, lg: 4 }}>
                <Stack gap="sm">
                  {phoneAndCampaign}
                  <DialPanel client={client} onCallStarted={callStarted} busyReason={busyReason} />
                  {current?.campaign_type === CAMPAIGN_TYPES.PREVIEW ? (
                    <PreviewPanel client={client} enabled={free} onCallStarted={callStarted} />
                  ) : null}
                  <ShotgunPanel client={client} onCallStarted={callStarted} busyReason={busyReason} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 7, lg: 8 }}>
                <Stack gap="sm">
                  <CallPanel
                    client={client}
                    callId={callId}
                    campaign={current}
                    agentState={state}
                    inbound={callId !== null ? inbound[callId] : undefined}
                    recordingFile={callId !== null ? recordings[callId] : undefined}
                    refreshSignal={callSignal}
                    onFinished={callFinished}
                  />
                  <NotificationFeed items={feed} status={events} />
                </Stack>
              </Grid.Col>
            </Grid>
          )}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
