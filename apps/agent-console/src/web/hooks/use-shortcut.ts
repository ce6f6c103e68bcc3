/**
 * One single-key keyboard shortcut on the whole page. It does not fire while the agent types in a
 * field (text inputs, text areas, selects, anything editable), nor with Ctrl, Alt or Meta held, so
 * typing a number or a note never holds or hangs up a call, and the browser's own shortcuts stay.
 *
 * @module
 */

import { useEffect, useRef } from 'react';

/** Whether a key press lands in a place where it types rather than commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/**
 * Calls `handler` when `key` (compared as `KeyboardEvent.key`, case-insensitive) is pressed outside a
 * field. A handler that returns false leaves the key to the page.
 */
export function useShortcut(key: string, handler: () => boolean | undefined, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key.toLowerCase() !== key.toLowerCase() || isTypingTarget(event.target)) return;
      if (latest.current() !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, enabled]);
}
