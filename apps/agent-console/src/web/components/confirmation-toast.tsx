/**
 * A short confirmation of what Omni recorded (a disposition), shown over the page's bottom corner
 * so it moves nothing, announced to screen readers, and gone after a few seconds or when closed.
 *
 * @module
 */

import { Notification } from '@mantine/core';
import { useEffect } from 'react';

export interface Confirmation {
  /** Distinguishes two equal messages in a row, so each one restarts the timer. */
  key: number;
  title: string;
  message: string;
}

const SHOWN_MS = 8000;

export function ConfirmationToast({ confirmation, onClose }: { confirmation: Confirmation | null; onClose(): void }) {
  const key = confirmation?.key;
  useEffect(() => {
    if (key === undefined) return;
    const timer = setTimeout(onClose, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [key, onClose]);
  return (
    <div className="confirmation-region" role="status" aria-live="polite">
      {confirmation ? (
        <Notification
          color="green"
          title={confirmation.title}
          onClose={onClose}
          closeButtonProps={{ 'aria-label': 'Close the confirmation' }}
          withBorder
          styles={{ description: { color: 'var(--mantine-color-text)' } }}
          data-testid="confirmation"
        >
          {confirmation.message}
        </Notification>
      ) : null}
    </div>
  );
}
