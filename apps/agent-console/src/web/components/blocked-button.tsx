/**
 * A button that can be held back for a reason the agent should know (a call is live, so no new
 * dial): it stays focusable and hoverable, says it is disabled (`aria-disabled`), shows the reason
 * in a tooltip on hover and focus, and carries it as its description for screen readers. A click
 * or Enter does nothing then. Without a reason it is an ordinary button.
 *
 * @module
 */

import { Button, type ButtonProps, Tooltip, VisuallyHidden } from '@mantine/core';
import { type MouseEvent, useId } from 'react';

interface Props extends ButtonProps {
  /** Why the button cannot be used now; null when it can. */
  blockedReason: string | null;
  type?: 'button' | 'submit';
  /** Disabled for an ordinary reason (nothing typed yet); a blocked button is held back anyway. */
  disabled?: boolean;
  onClick?(): void;
  children: string;
}

export function BlockedButton({ blockedReason, type = 'button', disabled, onClick, children, ...rest }: Props) {
  const reasonId = useId();
  if (!blockedReason)
    return (
      <Button type={type} onClick={onClick} disabled={disabled} {...rest}>
        {children}
      </Button>
    );
  const refuse = (event: MouseEvent) => event.preventDefault();
  return (
    <>
      <Tooltip label={blockedReason} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Button
          {...rest}
          loading={false}
          type="button"
          data-disabled
          aria-disabled="true"
          aria-describedby={reasonId}
          onClick={refuse}
        >
          {children}
        </Button>
      </Tooltip>
      <VisuallyHidden id={reasonId}>{blockedReason}</VisuallyHidden>
    </>
  );
}
