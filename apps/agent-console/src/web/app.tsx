import { Anchor, Badge, createTheme, MantineProvider } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionView } from '../shared/console-schemas.js';
import { ConsoleApiError } from './api/console-api-error.js';
import { ConsoleClient } from './api/console-client.js';
import { ConsoleScreen } from './components/console-screen.js';
import { SignInScreen } from './components/sign-in-screen.js';

// autoContrast with the luminance where white and black text contrast equally (0.179): every filled
// badge and button gets the text colour that contrasts more, at least 4.5:1 (WCAG AA).
const theme = createTheme({
  primaryColor: 'blue',
  focusRing: 'auto',
  defaultRadius: 'sm',
  autoContrast: true,
  luminanceThreshold: 0.179,
  components: {
    // The primary blue-6 on white is 3.5:1; a link's text needs 4.5:1 (WCAG AA), which blue-8 has.
    Anchor: Anchor.extend({ defaultProps: { c: 'blue.8' } }),
    // Mantine sizes a badge's label on a scale of its own (11 px at md); the console's badges read
    // on the theme's one type scale instead, at its smallest size.
    Badge: Badge.extend({ vars: () => ({ root: { '--badge-fz': 'var(--mantine-font-size-xs)' } }) }),
  },
});

/**
 * The page: the sign-in screen until there is a session, then the console. A reload asks the backend
 * for the session again (the cookie survives a reload; the phone does not, see use-phone.ts).
 */
export function App() {
  const client = useMemo(() => new ConsoleClient(), []);
  const [session, setSession] = useState<SessionView | null>(null);
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    client
      .call('getSession')
      .then((found) => {
        client.setCsrfToken(found.csrf_token);
        setSession(found);
      })
      .catch((error: unknown) => {
        if (!(error instanceof ConsoleApiError) || error.code !== 'NOT_SIGNED_IN')
          setNotice(error instanceof Error ? error.message : String(error));
      })
      .finally(() => setChecked(true));
  }, [client]);

  const signedIn = useCallback(
    (next: SessionView) => {
      client.setCsrfToken(next.csrf_token);
      setNotice(null);
      setSession(next);
    },
    [client],
  );

  const signedOut = useCallback(
    (reason: string | null) => {
      client.setCsrfToken(undefined);
      setNotice(reason);
      setSession(null);
    },
    [client],
  );

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {!checked ? null : session ? (
        <ConsoleScreen client={client} session={session} onSignedOut={signedOut} />
      ) : (
        <SignInScreen client={client} notice={notice} onSignedIn={signedIn} />
      )}
    </MantineProvider>
  );
}
